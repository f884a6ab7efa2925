BEGIN;
CREATE TABLE "Billing"."Invoice Lines" (
  "LineId" serial,
  "Invoice""Ref" int4,
  "Booked At" timestamp(6),
  tags varchar(30)[]
);
COMMIT;
