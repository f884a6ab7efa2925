#include "pgpreflight.h"
int main(void)
{
  pf_shutdown();
  return 0;
}
