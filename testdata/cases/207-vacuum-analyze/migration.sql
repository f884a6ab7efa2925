VACUUM (ANALYZE) orders;
ANALYZE orders;
