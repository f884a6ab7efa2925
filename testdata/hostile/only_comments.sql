-- only comments
/* and a block
   comment */
-- ; ; ;
   
	
