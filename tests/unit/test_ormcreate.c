/* Unit tests of issue 7's ORM side: the INSERTs an ORM builds from a model
 * (lib/codescan/orm_*.c, prisma.c, codescan.c) and the key-based creates
 * of Laravel and ActiveRecord, for a column that becomes required. */
/* SPDX-License-Identifier: MIT */
#include "test.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "codescan/codescan.h"

/* Section - Helpers */

typedef struct fixture {
  const char *name, *text;
} fixture;

// A temporary directory holding the files of @fx (a NULL name ends it).
static char *tmpdir_with(const fixture *fx)
{
  char tmpl[] = "/tmp/pf_ormcreate_XXXXXX";
  char *d = mkdtemp(tmpl);
  if (!d)
    PF_TEST_FAIL("mkdtemp: %s", strerror(errno));
  for (; fx->name; fx++) {
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", d, fx->name);
    FILE *f = fopen(path, "wb");
    if (!f)
      PF_TEST_FAIL("cannot create %s: %s", path, strerror(errno));
    fputs(fx->text, f);
    fclose(f);
  }
  return strdup(d);
}

static void rm_dir(char *dir)
{
  DIR *d = opendir(dir);
  struct dirent *e;
  while (d && (e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
    unlink(path);
  }
  if (d)
    closedir(d);
  rmdir(dir);
  free(dir);
}

// orders.region becomes required; the migration appends it.
static const pf_scan_target region = {.table = "orders",
                                      .column = "region",
                                      .kind = PF_SCAN_INSERT_OMITS,
                                      .position = PF_SCAN_POS_LAST};

static void scan(const fixture *files, const pf_scan_target *t, size_t n,
                 pf_scan_result *out, char **dir)
{
  *dir = tmpdir_with(files);
  pf_scan_opts opts = {.jobs = 1};
  pf_error err;
  pf_error_clear(&err);
  pf__scan_result_init(out);
  ASSERT_OK(
      pf__codescan_run((const char *const *)dir, 1, t, n, &opts, out, &err),
      err);
}

// The reference for @target in file @name at @line, or NULL.
static const pf_code_ref *ref_at(const pf_scan_result *r, uint32_t target,
                                 const char *name, uint32_t line)
{
  size_t n = strlen(name);
  for (uint32_t i = 0; i < r->refs.len; i++) {
    const pf_code_ref *x = &r->refs.items[i];
    size_t pl = strlen(x->path);
    if (x->target == target && x->line == line && pl > n &&
        x->path[pl - n - 1] == '/' && strcmp(x->path + pl - n, name) == 0)
      return x;
  }
  return NULL;
}

// Asserts an INSERT_OMITS reference of target 0 in @name at @line.
#define ASSERT_OMITS(r, name, line, conf)                                      \
  do {                                                                         \
    const pf_code_ref *x_ = ref_at((r), 0, (name), (line));                    \
    if (!x_)                                                                   \
      PF_TEST_FAIL("no reference at %s:%d", (name), (line));                   \
    ASSERT_EQ(x_->kind, PF_REF_INSERT_OMITS);                                  \
    ASSERT_EQ(x_->confidence, (conf));                                         \
  } while (0)

static uint32_t count_for(const pf_scan_result *r, uint32_t target)
{
  uint32_t n = 0;
  for (uint32_t i = 0; i < r->refs.len; i++)
    n += r->refs.items[i].target == target;
  return n;
}

/* Section - Declarative ORMs */

static const fixture django[] = {
    {"models.py",
     "from django.db import models\n"                           // 1
     "\n"                                                       // 2
     "class Order(models.Model):\n"                             // 3
     "    customer_id = models.BigIntegerField()\n"             // 4
     "    class Meta:\n"                                        // 5
     "        db_table = \"orders\"\n"                          // 6
     "\n"                                                       // 7
     "class Parcel(models.Model):\n"                            // 8
     "    area = models.TextField(db_column=\"region\")\n"      // 9
     "    class Meta:\n"                                        // 10
     "        db_table = \"orders\"\n"                          // 11
     "\n"                                                       // 12
     "class Shipment(models.Model):\n"                          // 13
     "    region = models.TextField(null=True)\n"               // 14
     "    class Meta:\n"                                        // 15
     "        db_table = \"orders\"\n"                          // 16
     "\n"                                                       // 17
     "class Legacy(models.Model):\n"                            // 18
     "    region = models.TextField(null=True, default=\"\")\n" // 19
     "    class Meta:\n"                                        // 20
     "        db_table = \"orders\"\n"                          // 21
     "\n"                                                       // 22
     "class Audited(TimeStampedMixin, models.Model):\n"         // 23
     "    class Meta:\n"                                        // 24
     "        db_table = \"orders\"\n"                          // 25
     "\n"                                                       // 26
     "class Invoice(models.Model):\n"                           // 27
     "    class Meta:\n"                                        // 28
     "        db_table = \"invoices\"\n"                        // 29
     "\n"                                                       // 30
     "class Region(models.Model):\n"                            // 31
     "    region = models.CharField()\n"                        // 32
     "    class Meta:\n"                                        // 33
     "        db_table = \"orders\"\n"                          // 34
     "\n"                                                       // 35
     "def f(data):\n"                                           // 36
     "    Order.objects.create(customer_id=1)\n"                // 37
     "    Order.objects.bulk_create([Order(customer_id=1)])\n"  // 38
     "    Invoice.objects.create()\n"                           // 39
     "    Parcel.objects.create(area=\"eu\")\n"                 // 40
     "    Order.objects.filter(customer_id=1)\n"},              // 41
    {NULL, NULL}};

TEST(ormcreate_django)
{
  pf_scan_result r;
  char *dir;
  scan(django, &region, 1, &r, &dir);
  // A model without the field: every create() leaves the column out.
  ASSERT_OMITS(&r, "models.py", 3, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "models.py", 37, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "models.py", 38, PF_CONF_HIGH);
  // null=True without a default: NULL when the code does not set it.
  ASSERT_OMITS(&r, "models.py", 14, PF_CONF_MEDIUM);
  // db_column maps it; a default fills it; a mixin may declare it; another
  // table's model; a required field; a filter is no INSERT.
  ASSERT_NULL(ref_at(&r, 0, "models.py", 8));
  ASSERT_NULL(ref_at(&r, 0, "models.py", 9));
  ASSERT_NULL(ref_at(&r, 0, "models.py", 19));
  ASSERT_NULL(ref_at(&r, 0, "models.py", 23));
  ASSERT_NULL(ref_at(&r, 0, "models.py", 27));
  ASSERT_NULL(ref_at(&r, 0, "models.py", 39));
  ASSERT_NULL(ref_at(&r, 0, "models.py", 40));
  ASSERT_NULL(ref_at(&r, 0, "models.py", 32));
  ASSERT_NULL(ref_at(&r, 0, "models.py", 41));
  ASSERT_EQ(count_for(&r, 0), 4);
  pf__scan_result_clear(&r);
  rm_dir(dir);
}

static const fixture sqlalchemy[] = {
    {"models.py",
     "from sqlalchemy import Column, Table, Text, BigInteger\n"           // 1
     "\n"                                                                 // 2
     "class Order(Base):\n"                                               // 3
     "    __tablename__ = \"orders\"\n"                                   // 4
     "    id = Column(BigInteger, primary_key=True)\n"                    // 5
     "\n"                                                                 // 6
     "class OrderRow(Base):\n"                                            // 7
     "    __tablename__ = \"orders\"\n"                                   // 8
     "    memo = Column(\"region\", Text, nullable=False)\n"              // 9
     "\n"                                                                 // 10
     "class OrderMapped(Base):\n"                                         // 11
     "    __tablename__ = \"orders\"\n"                                   // 12
     "    region: Mapped[Optional[str]]\n"                                // 13
     "\n"                                                                 // 14
     "class OrderRequired(Base):\n"                                       // 15
     "    __tablename__ = \"orders\"\n"                                   // 16
     "    region: Mapped[str]\n"                                          // 17
     "\n"                                                                 // 18
     "class OrderPlain(Base):\n"                                          // 19
     "    __tablename__ = \"orders\"\n"                                   // 20
     "    region = Column(Text)\n"                                        // 21
     "\n"                                                                 // 22
     "class OrderDeferred(Base):\n"                                       // 23
     "    __tablename__ = \"orders\"\n"                                   // 24
     "    area = deferred(Column(\"region\", Text))\n"                    // 25
     "\n"                                                                 // 26
     "class OrderMixed(Base, AuditMixin):\n"                              // 27
     "    __tablename__ = \"orders\"\n"                                   // 28
     "\n"                                                                 // 29
     "class OrderDefault(Base):\n"                                        // 30
     "    __tablename__ = \"orders\"\n"                                   // 31
     "    region = Column(Text, server_default=\"eu\")\n"                 // 32
     "\n"                                                                 // 33
     "orders = Table(\"orders\", metadata, Column(\"id\", BigInteger))\n" // 34
     "legacy = Table(\"orders\", metadata, autoload_with=engine)\n"       // 35
     "invoices = Table(\"invoices\", metadata, Column(\"id\"))\n"},       // 36
    {NULL, NULL}};

TEST(ormcreate_sqlalchemy)
{
  pf_scan_result r;
  char *dir;
  scan(sqlalchemy, &region, 1, &r, &dir);
  ASSERT_OMITS(&r, "models.py", 3, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "models.py", 13, PF_CONF_MEDIUM); // Optional
  ASSERT_OMITS(&r, "models.py", 21, PF_CONF_MEDIUM); // Column's default
  ASSERT_OMITS(&r, "models.py", 34, PF_CONF_HIGH);   // a Core table
  ASSERT_NULL(ref_at(&r, 0, "models.py", 7));        // maps it as memo
  ASSERT_NULL(ref_at(&r, 0, "models.py", 9));        // nullable=False
  ASSERT_NULL(ref_at(&r, 0, "models.py", 17));       // Mapped[str]
  ASSERT_NULL(ref_at(&r, 0, "models.py", 23));       // deferred(Column)
  ASSERT_NULL(ref_at(&r, 0, "models.py", 27));       // a mixin
  ASSERT_NULL(ref_at(&r, 0, "models.py", 32));       // server_default
  ASSERT_NULL(ref_at(&r, 0, "models.py", 35));       // reflected
  ASSERT_NULL(ref_at(&r, 0, "models.py", 36));       // another table
  ASSERT_EQ(count_for(&r, 0), 4);
  pf__scan_result_clear(&r);
  rm_dir(dir);
}

static const fixture js[] = {
    {"entities.ts",
     "@Entity(\"orders\")\n"                                   // 1
     "export class Order extends BaseEntity {\n"               // 2
     "  @PrimaryGeneratedColumn() id!: number;\n"              // 3
     "}\n"                                                     // 4
     "@Entity({ name: \"orders\" })\n"                         // 5
     "export class OrderArea {\n"                              // 6
     "  @Column({ name: \"region\" }) area!: string;\n"        // 7
     "}\n"                                                     // 8
     "@Entity(\"orders\")\n"                                   // 9
     "export class OrderNull {\n"                              // 10
     "  @Column({ nullable: true }) region!: string | null;\n" // 11
     "}\n"                                                     // 12
     "@Entity(\"orders\")\n"                                   // 13
     "export class OrderTs extends Timestamps {\n"             // 14
     "}\n"                                                     // 15
     "@Entity(\"invoices\")\n"                                 // 16
     "export class Invoice {\n"                                // 17
     "  @Column() notes!: string;\n"                           // 18
     "}\n"                                                     // 19
     "@Entity(\"orders\")\n"                                   // 20
     "export class OrderEmb {\n"                               // 21
     "  @Column(() => Address) address!: Address;\n"           // 22
     "}\n"},                                                   // 23
    {"models.js",
     "Order.init({ id: { type: DataTypes.BIGINT, primaryKey: true } },\n" // 1
     "  { sequelize, tableName: \"orders\" });\n"                         // 2
     "Parcel.init({ area: { type: DataTypes.TEXT, field: \"region\", "
     "allowNull: false } },\n"                    // 3
     "  { sequelize, tableName: \"orders\" });\n" // 4
     "Crate.init({ region: DataTypes.TEXT }, { sequelize, tableName: "
     "\"orders\" });\n"                                                 // 5
     "Box.init({ ...common }, { sequelize, tableName: \"orders\" });\n" // 6
     "async function f() {\n"                                           // 7
     "  await Order.create({ id: 1 });\n"                               // 8
     "  await Parcel.create({ area: \"eu\" });\n"                       // 9
     "  await prisma.order.create({ data: { id: 1 } });\n"              // 10
     "  await Order.findAll({ where: { id: 1 } });\n"                   // 11
     "}\n"},                                                            // 12
    {"schema.prisma",
     "model Order {\n"                     // 1
     "  id Int @id\n"                      // 2
     "  @@map(\"orders\")\n"               // 3
     "}\n"                                 // 4
     "model Parcel {\n"                    // 5
     "  id   Int     @id\n"                // 6
     "  area String? @map(\"region\")\n"   // 7
     "  @@map(\"orders\")\n"               // 8
     "}\n"                                 // 9
     "model Crate {\n"                     // 10
     "  id     Int     @id\n"              // 11
     "  region String? @default(\"eu\")\n" // 12
     "  @@map(\"orders\")\n"               // 13
     "}\n"                                 // 14
     "model Box {\n"                       // 15
     "  id     Int    @id\n"               // 16
     "  region String\n"                   // 17
     "  @@map(\"orders\")\n"               // 18
     "}\n"},                               // 19
    {NULL, NULL}};

TEST(ormcreate_typeorm_sequelize_prisma)
{
  pf_scan_result r;
  char *dir;
  scan(js, &region, 1, &r, &dir);
  // TypeORM: no such column (BaseEntity adds none); nullable: true.
  ASSERT_OMITS(&r, "entities.ts", 2, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "entities.ts", 11, PF_CONF_MEDIUM);
  ASSERT_NULL(ref_at(&r, 0, "entities.ts", 6));  // @Column({ name })
  ASSERT_NULL(ref_at(&r, 0, "entities.ts", 14)); // a parent class
  ASSERT_NULL(ref_at(&r, 0, "entities.ts", 17)); // another table
  ASSERT_NULL(ref_at(&r, 0, "entities.ts", 21)); // embedded columns
  // Sequelize: the model and its create(); allowNull's default is true.
  ASSERT_OMITS(&r, "models.js", 1, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "models.js", 8, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "models.js", 5, PF_CONF_MEDIUM);
  ASSERT_NULL(ref_at(&r, 0, "models.js", 3)); // field: "region"
  ASSERT_NULL(ref_at(&r, 0, "models.js", 6)); // a spread
  ASSERT_NULL(ref_at(&r, 0, "models.js", 9));
  ASSERT_NULL(ref_at(&r, 0, "models.js", 11)); // no INSERT
  // Prisma: the client writes the schema's fields only.
  ASSERT_OMITS(&r, "schema.prisma", 1, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "models.js", 10, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "schema.prisma", 7, PF_CONF_MEDIUM); // String? @map
  ASSERT_NULL(ref_at(&r, 0, "schema.prisma", 12));      // @default
  ASSERT_NULL(ref_at(&r, 0, "schema.prisma", 17));      // required
  ASSERT_NULL(ref_at(&r, 0, "schema.prisma", 15));
  ASSERT_EQ(count_for(&r, 0), 8);
  pf__scan_result_clear(&r);
  rm_dir(dir);
}

static const fixture go[] = {
    {"models.go",
     "package store\n"                                          // 1
     "\n"                                                       // 2
     "type Order struct {\n"                                    // 3
     "\tgorm.Model\n"                                           // 4
     "\tCustomerID uint\n"                                      // 5
     "}\n"                                                      // 6
     "\n"                                                       // 7
     "type Parcel struct {\n"                                   // 8
     "\tID   uint\n"                                            // 9
     "\tArea *string `gorm:\"column:region\"`\n"                // 10
     "}\n"                                                      // 11
     "\n"                                                       // 12
     "func (Parcel) TableName() string { return \"orders\" }\n" // 13
     "\n"                                                       // 14
     "type Crate struct {\n"                                    // 15
     "\tBase\n"                                                 // 16
     "\tStatus string `gorm:\"column:status\"`\n"               // 17
     "}\n"                                                      // 18
     "\n"                                                       // 19
     "func (Crate) TableName() string { return \"orders\" }\n"  // 20
     "\n"                                                       // 21
     "type Row struct {\n"                                      // 22
     "\tID int64 `db:\"id\"`\n"                                 // 23
     "}\n"                                                      // 24
     "\n"                                                       // 25
     "func (Row) TableName() string { return \"orders\" }\n"    // 26
     "\n"                                                       // 27
     "type Box struct {\n"                                      // 28
     "\tID     uint\n"                                          // 29
     "\tRegion string `gorm:\"not null\"`\n"                    // 30
     "}\n"                                                      // 31
     "\n"                                                       // 32
     "func (Box) TableName() string { return \"orders\" }\n"    // 33
     "\n"                                                       // 34
     "func save(db *gorm.DB) {\n"                               // 35
     "\tdb.Create(&Order{CustomerID: 1})\n"                     // 36
     "\tvar ps []Parcel\n"                                      // 37
     "\tdb.CreateInBatches(&ps, 100)\n"                         // 38
     "\tdb.Where(\"customer_id = ?\", 1).Find(&Order{})\n"      // 39
     "}\n"},                                                    // 40
    {NULL, NULL}};

TEST(ormcreate_gorm)
{
  pf_scan_result r;
  char *dir;
  scan(go, &region, 1, &r, &dir);
  ASSERT_OMITS(&r, "models.go", 3, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "models.go", 36, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "models.go", 10, PF_CONF_MEDIUM); // a pointer: NULL
  ASSERT_NULL(ref_at(&r, 0, "models.go", 8));        // column:region
  ASSERT_NULL(ref_at(&r, 0, "models.go", 15));       // embedded Base
  ASSERT_NULL(ref_at(&r, 0, "models.go", 22));       // sqlx: SQL decides
  ASSERT_NULL(ref_at(&r, 0, "models.go", 30));       // zero value ""
  ASSERT_NULL(ref_at(&r, 0, "models.go", 38));       // Parcel maps it
  ASSERT_NULL(ref_at(&r, 0, "models.go", 39));
  ASSERT_EQ(count_for(&r, 0), 3);
  pf__scan_result_clear(&r);
  rm_dir(dir);
}

static const fixture jvm_cs[] = {
    {"Order.java",
     "@Entity\n"                                // 1
     "@Table(name = \"orders\")\n"              // 2
     "public class Order {\n"                   // 3
     "  @Id @GeneratedValue private Long id;\n" // 4
     "}\n"                                      // 5
     "@Entity\n"                                // 6
     "@Table(name = \"orders\")\n"              // 7
     "class OrderArea {\n"                      // 8
     "  @Column(name = \"region\", nullable = false) private String "
     "area;\n"                                             // 9
     "}\n"                                                 // 10
     "@Entity\n"                                           // 11
     "@Table(name = \"orders\")\n"                         // 12
     "class OrderNull {\n"                                 // 13
     "  @Column(name = \"region\") private String area;\n" // 14
     "}\n"                                                 // 15
     "@Entity\n"                                           // 16
     "@Table(name = \"orders\")\n"                         // 17
     "class OrderSub extends Audited {\n"                  // 18
     "}\n"},                                               // 19
    {"Order.cs",
     "[Table(\"orders\")]\n"                       // 1
     "public class Order\n"                        // 2
     "{\n"                                         // 3
     "    public long Id { get; set; }\n"          // 4
     "}\n"                                         // 5
     "[Table(\"orders\")]\n"                       // 6
     "public class OrderB : IEntity\n"             // 7
     "{\n"                                         // 8
     "    public string? Region { get; set; }\n"   // 9
     "}\n"                                         // 10
     "[Table(\"orders\")]\n"                       // 11
     "public class OrderC\n"                       // 12
     "{\n"                                         // 13
     "    public string Area { get; set; }\n"      // 14
     "}\n"                                         // 15
     "[Table(\"orders\")]\n"                       // 16
     "public class OrderD : Audited\n"             // 17
     "{ public long Id { get; set; }\n"            // 18
     "}\n"                                         // 19
     "[Table(\"orders\")]\n"                       // 20
     "public class OrderE\n"                       // 21
     "{\n"                                         // 22
     "    public long Id { get; set; }\n"          // 23
     "}\n"                                         // 24
     "public class Ctx : DbContext\n"              // 25
     "{\n"                                         // 26
     "    void OnModelCreating(ModelBuilder mb)\n" // 27
     "    {\n"                                     // 28
     "        mb.Entity<OrderC>().Property(o => "
     "o.Area).HasColumnName(\"region\");\n"                        // 29
     "        mb.Entity<OrderE>().Property<string>(\"Region\");\n" // 30
     "    }\n"                                                     // 31
     "}\n"},                                                       // 32
    {NULL, NULL}};

TEST(ormcreate_jpa_ef)
{
  pf_scan_result r;
  char *dir;
  scan(jvm_cs, &region, 1, &r, &dir);
  ASSERT_OMITS(&r, "Order.java", 3, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "Order.java", 14, PF_CONF_MEDIUM); // nullable default
  ASSERT_NULL(ref_at(&r, 0, "Order.java", 9));        // nullable = false
  ASSERT_NULL(ref_at(&r, 0, "Order.java", 8));
  ASSERT_NULL(ref_at(&r, 0, "Order.java", 18)); // a superclass
  ASSERT_OMITS(&r, "Order.cs", 2, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "Order.cs", 9, PF_CONF_MEDIUM); // string?
  ASSERT_NULL(ref_at(&r, 0, "Order.cs", 12));      // HasColumnName
  ASSERT_NULL(ref_at(&r, 0, "Order.cs", 17));      // a base class
  ASSERT_NULL(ref_at(&r, 0, "Order.cs", 21));      // a shadow property
  ASSERT_EQ(count_for(&r, 0), 4);
  pf__scan_result_clear(&r);
  rm_dir(dir);
}

/* Section - Key-based creates */

static const fixture keys[] = {
    {"Order.php",
     "<?php\n"                                                      // 1
     "class Order extends Model\n"                                  // 2
     "{\n"                                                          // 3
     "    protected $table = 'orders';\n"                           // 4
     "}\n"                                                          // 5
     "class Parcel extends Model\n"                                 // 6
     "{\n"                                                          // 7
     "    protected $table = 'orders';\n"                           // 8
     "    protected $attributes = ['region' => 'eu'];\n"            // 9
     "}\n"                                                          // 10
     "class Crate extends Model\n"                                  // 11
     "{\n"                                                          // 12
     "    protected $table = 'orders';\n"                           // 13
     "    protected static function booted() {}\n"                  // 14
     "}\n"                                                          // 15
     "function f($data) {\n"                                        // 16
     "    Order::create(['customer_id' => 1]);\n"                   // 17
     "    Order::create(['customer_id' => 1, 'region' => 'eu']);\n" // 18
     "    Order::create($data);\n"                                  // 19
     "    Parcel::create(['customer_id' => 1]);\n"                  // 20
     "    Crate::create(['customer_id' => 1]);\n"                   // 21
     "    DB::table('orders')->insert(['customer_id' => 1]);\n"     // 22
     "    DB::table('orders')->insert([['region' => 'x'], "
     "['customer_id' => 2]]);\n"                              // 23
     "    DB::table('invoices')->insert(['notes' => 'x']);\n" // 24
     "    DB::table('orders')->insert([...$data]);\n"         // 25
     "}\n"},                                                  // 26
    {"order.rb",
     "class Order < ApplicationRecord\n"                          // 1
     "end\n"                                                      // 2
     "class Parcel < ApplicationRecord\n"                         // 3
     "  self.table_name = \"orders\"\n"                           // 4
     "  attribute :region, default: \"eu\"\n"                     // 5
     "end\n"                                                      // 6
     "def f(attrs)\n"                                             // 7
     "  Order.create(customer_id: 1)\n"                           // 8
     "  Order.create!(customer_id: 1, region: \"eu\")\n"          // 9
     "  Order.create(attrs)\n"                                    // 10
     "  Order.insert_all([{ customer_id: 1 }])\n"                 // 11
     "  Parcel.create(customer_id: 1)\n"                          // 12
     "  Order.create(customer_id: 1) { |o| o.region = \"eu\" }\n" // 13
     "  Order.where(customer_id: 1)\n"                            // 14
     "end\n"},                                                    // 15
    {NULL, NULL}};

TEST(ormcreate_laravel_activerecord)
{
  pf_scan_result r;
  char *dir;
  scan(keys, &region, 1, &r, &dir);
  // Laravel: exactly the keys given.
  ASSERT_OMITS(&r, "Order.php", 17, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "Order.php", 21, PF_CONF_MEDIUM); // booted() may set it
  ASSERT_OMITS(&r, "Order.php", 22, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "Order.php", 23, PF_CONF_HIGH); // the second row
  ASSERT_NULL(ref_at(&r, 0, "Order.php", 18));
  ASSERT_NULL(ref_at(&r, 0, "Order.php", 19)); // a variable
  ASSERT_NULL(ref_at(&r, 0, "Order.php", 20)); // $attributes default
  ASSERT_NULL(ref_at(&r, 0, "Order.php", 24)); // another table
  ASSERT_NULL(ref_at(&r, 0, "Order.php", 25)); // a spread
  ASSERT_NULL(ref_at(&r, 0, "Order.php", 2));  // the model is no INSERT
  // ActiveRecord: create is medium (a callback may set it), insert_all
  // writes exactly its keys.
  ASSERT_OMITS(&r, "order.rb", 8, PF_CONF_MEDIUM);
  ASSERT_OMITS(&r, "order.rb", 11, PF_CONF_HIGH);
  ASSERT_NULL(ref_at(&r, 0, "order.rb", 9));
  ASSERT_NULL(ref_at(&r, 0, "order.rb", 10));
  ASSERT_NULL(ref_at(&r, 0, "order.rb", 12)); // attribute default
  ASSERT_NULL(ref_at(&r, 0, "order.rb", 13)); // a block sets it
  ASSERT_NULL(ref_at(&r, 0, "order.rb", 14));
  ASSERT_NULL(ref_at(&r, 0, "order.rb", 1));
  ASSERT_EQ(count_for(&r, 0), 6);
  pf__scan_result_clear(&r);
  rm_dir(dir);
}

/* Section - References are unchanged */

// The INSERT target makes the scan read more files and register creates:
// a plain reference target scanned alongside gets exactly what it gets
// alone.
TEST(ormcreate_refs_unchanged)
{
  pf_scan_target both[] = {
      {.table = "orders", .column = "customer_id"},
      region,
  };
  pf_scan_result alone, with;
  char *d1, *d2;
  scan(django, both, 1, &alone, &d1);
  scan(django, both, 2, &with, &d2);
  uint32_t n = 0;
  for (uint32_t i = 0; i < with.refs.len; i++) {
    const pf_code_ref *x = &with.refs.items[i];
    if (x->target != 0)
      continue;
    ASSERT(n < alone.refs.len);
    ASSERT_EQ(x->line, alone.refs.items[n].line);
    ASSERT_EQ(x->col, alone.refs.items[n].col);
    ASSERT_EQ(x->kind, alone.refs.items[n].kind);
    n++;
  }
  ASSERT_EQ(n, alone.refs.len);
  ASSERT(n >= 3); // the field, the create keyword, the filter
  ASSERT(count_for(&with, 1) > 0);
  pf__scan_result_clear(&alone);
  pf__scan_result_clear(&with);
  rm_dir(d1);
  rm_dir(d2);
}

/* Section - Unit-of-work inserts */

static const fixture uow[] = {
    {"models.py",
     "class Order(Base):\n"                                // 1
     "    __tablename__ = \"orders\"\n"                    // 2
     "    id = Column(BigInteger, primary_key=True)\n"     // 3
     "class Invoice(Base):\n"                              // 4
     "    __tablename__ = \"invoices\"\n"                  // 5
     "    id = Column(BigInteger, primary_key=True)\n"     // 6
     "def f(session, order):\n"                            // 7
     "    session.add(Order(id=1))\n"                      // 8
     "    session.add_all([Invoice(id=1), Order(id=2)])\n" // 9
     "    session.add(order)\n"                            // 10
     "    session.add(Invoice(id=1))\n"},                  // 11
    {"orders.ts",
     "@Entity(\"orders\")\n"                                 // 1
     "export class Order {\n"                                // 2
     "  @PrimaryGeneratedColumn() id!: number;\n"            // 3
     "}\n"                                                   // 4
     "export async function f(ds, manager, repo) {\n"        // 5
     "  await ds.getRepository(Order).save({ id: 1 });\n"    // 6
     "  await manager.insert(Order, { id: 1 });\n"           // 7
     "  await repo.save({ id: 1 });\n"                       // 8
     "  await ds.getRepository(Customer).save({ id: 1 });\n" // 9
     "}\n"},                                                 // 10
    {"Order.java",
     "@Entity\n"                               // 1
     "@Table(name = \"orders\")\n"             // 2
     "public class Order {\n"                  // 3
     "  @Id private Long id;\n"                // 4
     "  void f(EntityManager em, Order o) {\n" // 5
     "    em.persist(new Order());\n"          // 6
     "    em.persist(o);\n"                    // 7
     "    em.persist(new Invoice());\n"        // 8
     "  }\n"                                   // 9
     "}\n"},                                   // 10
    {"Order.cs",
     "[Table(\"orders\")]\n"                              // 1
     "public class Order\n"                               // 2
     "{\n"                                                // 3
     "    public long Id { get; set; }\n"                 // 4
     "    void F(ShopContext db, Order o)\n"              // 5
     "    {\n"                                            // 6
     "        db.Orders.Add(new Order { Id = 1 });\n"     // 7
     "        db.Orders.Add(o);\n"                        // 8
     "        db.Invoices.Add(new Invoice { Id = 1 });\n" // 9
     "    }\n"                                            // 10
     "}\n"},                                              // 11
    {NULL, NULL}};

TEST(ormcreate_unit_of_work)
{
  pf_scan_result r;
  char *dir;
  scan(uow, &region, 1, &r, &dir);
  ASSERT_OMITS(&r, "models.py", 1, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "models.py", 8, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "models.py", 9, PF_CONF_HIGH);
  ASSERT_NULL(ref_at(&r, 0, "models.py", 10)); // a variable
  ASSERT_NULL(ref_at(&r, 0, "models.py", 11)); // another table's model
  ASSERT_OMITS(&r, "orders.ts", 2, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "orders.ts", 6, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "orders.ts", 7, PF_CONF_HIGH);
  ASSERT_NULL(ref_at(&r, 0, "orders.ts", 8)); // the repository's entity?
  ASSERT_NULL(ref_at(&r, 0, "orders.ts", 9)); // no Customer model here
  ASSERT_OMITS(&r, "Order.java", 3, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "Order.java", 6, PF_CONF_HIGH);
  ASSERT_NULL(ref_at(&r, 0, "Order.java", 7));
  ASSERT_NULL(ref_at(&r, 0, "Order.java", 8));
  ASSERT_OMITS(&r, "Order.cs", 2, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "Order.cs", 7, PF_CONF_HIGH);
  ASSERT_NULL(ref_at(&r, 0, "Order.cs", 8));
  ASSERT_NULL(ref_at(&r, 0, "Order.cs", 9));
  ASSERT_EQ(count_for(&r, 0), 10);
  pf__scan_result_clear(&r);
  rm_dir(dir);
}

/* Section - Instances built in one statement, saved in another */

static const fixture saved_py[] = {
    {"models.py",
     "from django.db import models\n"                         // 1
     "class Order(models.Model):\n"                           // 2
     "    customer_id = models.BigIntegerField()\n"           // 3
     "    class Meta:\n"                                      // 4
     "        db_table = \"orders\"\n"                        // 5
     "class Invoice(models.Model):\n"                         // 6
     "    class Meta:\n"                                      // 7
     "        db_table = \"invoices\"\n"                      // 8
     "def new(request):\n"                                    // 9
     "    o = Order(customer_id=1)\n"                         // 10
     "    o.notes = \"x\"\n"                                  // 11
     "    o.save()\n"                                         // 12
     "def touch(pk):\n"                                       // 13
     "    o = Order.objects.get(pk=pk)\n"                     // 14
     "    o.save()\n"                                         // 15
     "def partial():\n"                                       // 16
     "    o = Order(customer_id=2)\n"                         // 17
     "    o.save(update_fields=[\"customer_id\"])\n"          // 18
     "def rebound(pk):\n"                                     // 19
     "    o = Order(customer_id=3)\n"                         // 20
     "    o = Order.objects.get(pk=pk)\n"                     // 21
     "    o.save()\n"                                         // 22
     "def unsaved():\n"                                       // 23
     "    o = Order(customer_id=4)\n"                         // 24
     "    return o\n"                                         // 25
     "def other():\n"                                         // 26
     "    i = Invoice()\n"                                    // 27
     "    i.save()\n"                                         // 28
     "def bulk():\n"                                          // 29
     "    o = Order(customer_id=5)\n"                         // 30
     "    Order.objects.bulk_create([o])\n"                   // 31
     "def elsewhere(o):\n"                                    // 32
     "    o.save()\n"                                         // 33
     "def inner():\n"                                         // 34
     "    o = Order(customer_id=6)\n"                         // 35
     "    def later():\n"                                     // 36
     "        o.save()\n"                                     // 37
     "def at_once():\n"                                       // 38
     "    Order(customer_id=7).save()\n"                      // 39
     "    Order(customer_id=8).save(update_fields=[\"a\"])\n" // 40
     "    Invoice().save()\n"},                               // 41
    {"sa.py",
     "class OrderRow(Base):\n"                         // 1
     "    __tablename__ = \"orders\"\n"                // 2
     "    id = Column(BigInteger, primary_key=True)\n" // 3
     "def f(session):\n"                               // 4
     "    a = OrderRow(id=1)\n"                        // 5
     "    b = OrderRow(id=2)\n"                        // 6
     "    session.add(a)\n"                            // 7
     "    session.add_all([b])\n"                      // 8
     "    c = OrderRow(id=3)\n"                        // 9
     "    session.add(OrderRow(id=4))\n"               // 10
     "    d = OrderRow(id=5)\n"                        // 11
     "    session.merge(d)\n"                          // 12
     "    e = OrderRow(id=6)\n"                        // 13
     "    seen.add(e)\n"                               // 14
     "    f = OrderRow(id=7)\n"                        // 15
     "    db.session.add(f)\n"},                       // 16
    {NULL, NULL}};

TEST(ormcreate_saved_later_python)
{
  pf_scan_result r;
  char *dir;
  scan(saved_py, &region, 1, &r, &dir);
  ASSERT_OMITS(&r, "models.py", 2, PF_CONF_HIGH); // the model
  // Django: a new instance, then save().
  ASSERT_OMITS(&r, "models.py", 10, PF_CONF_HIGH);
  // bulk_create of the variable: the create's own report, not twice.
  ASSERT_OMITS(&r, "models.py", 31, PF_CONF_HIGH);
  ASSERT_NULL(ref_at(&r, 0, "models.py", 30));
  ASSERT_NULL(ref_at(&r, 0, "models.py", 12)); // reported at the instance
  ASSERT_NULL(ref_at(&r, 0, "models.py", 14)); // fetched: save() updates
  ASSERT_NULL(ref_at(&r, 0, "models.py", 15));
  ASSERT_NULL(ref_at(&r, 0, "models.py", 17)); // update_fields= updates
  ASSERT_NULL(ref_at(&r, 0, "models.py", 20)); // bound again before save()
  ASSERT_NULL(ref_at(&r, 0, "models.py", 24)); // never saved
  ASSERT_NULL(ref_at(&r, 0, "models.py", 27)); // another table
  ASSERT_NULL(ref_at(&r, 0, "models.py", 33)); // a parameter
  ASSERT_NULL(ref_at(&r, 0, "models.py", 35)); // saved in another function
  // Order(...).save() at once.
  ASSERT_OMITS(&r, "models.py", 39, PF_CONF_HIGH);
  ASSERT_NULL(ref_at(&r, 0, "models.py", 40)); // update_fields= updates
  ASSERT_NULL(ref_at(&r, 0, "models.py", 41)); // another table
  // SQLAlchemy: session.add and add_all of a variable.
  ASSERT_OMITS(&r, "sa.py", 1, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "sa.py", 5, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "sa.py", 6, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "sa.py", 10, PF_CONF_HIGH);
  ASSERT_NULL(ref_at(&r, 0, "sa.py", 9));      // never added
  ASSERT_NULL(ref_at(&r, 0, "sa.py", 11));     // merge() may update
  ASSERT_NULL(ref_at(&r, 0, "sa.py", 13));     // a set's add()
  ASSERT_OMITS(&r, "sa.py", 15, PF_CONF_HIGH); // Flask-SQLAlchemy
  ASSERT_EQ(count_for(&r, 0), 9);
  pf__scan_result_clear(&r);
  rm_dir(dir);
}

static const fixture saved_rb[] = {
    {"orders_controller.rb",
     "class Order < ApplicationRecord\n"                   // 1
     "end\n"                                               // 2
     "class OrdersController < ApplicationController\n"    // 3
     "  def a\n"                                           // 4
     "    o = Order.new(customer_id: 1)\n"                 // 5
     "    o.save!\n"                                       // 6
     "  end\n"                                             // 7
     "  def b\n"                                           // 8
     "    @order = Order.new(order_params)\n"              // 9
     "    @order.save\n"                                   // 10
     "  end\n"                                             // 11
     "  def c\n"                                           // 12
     "    o = Order.new(customer_id: 1)\n"                 // 13
     "    o.region = \"eu\"\n"                             // 14
     "    o.save\n"                                        // 15
     "  end\n"                                             // 16
     "  def d\n"                                           // 17
     "    o = Order.new(customer_id: 1, region: \"eu\")\n" // 18
     "    o.save\n"                                        // 19
     "  end\n"                                             // 20
     "  def e\n"                                           // 21
     "    o = Order.find(params[:id])\n"                   // 22
     "    o.save\n"                                        // 23
     "  end\n"                                             // 24
     "  def f\n"                                           // 25
     "    @order = Order.new\n"                            // 26
     "    @order.notes = \"x\"\n"                          // 27
     "    @order.save\n"                                   // 28
     "  end\n"                                             // 29
     "  def g\n"                                           // 30
     "    Order.new(status: \"x\").save\n"                 // 31
     "  end\n"                                             // 32
     "  def h\n"                                           // 33
     "    o = Order.new(status: \"x\")\n"                  // 34
     "    render json: o\n"                                // 35
     "  end\n"                                             // 36
     "  def i\n"                                           // 37
     "    o = Order.new(status: \"x\")\n"                  // 38
     "    o.save\n"                                        // 39
     "    o.region = \"eu\"\n"                             // 40
     "  end\n"                                             // 41
     "end\n"},                                             // 42
    {NULL, NULL}};

TEST(ormcreate_saved_later_ruby)
{
  pf_scan_result r;
  char *dir;
  scan(saved_rb, &region, 1, &r, &dir);
  // new then save: a create (medium, as a callback may set the column).
  ASSERT_OMITS(&r, "orders_controller.rb", 5, PF_CONF_MEDIUM);
  ASSERT_OMITS(&r, "orders_controller.rb", 26, PF_CONF_MEDIUM);
  ASSERT_OMITS(&r, "orders_controller.rb", 31, PF_CONF_MEDIUM);
  ASSERT_OMITS(&r, "orders_controller.rb", 38, PF_CONF_MEDIUM); // set late
  ASSERT_NULL(ref_at(&r, 0, "orders_controller.rb", 9));        // not literal
  ASSERT_NULL(ref_at(&r, 0, "orders_controller.rb", 13)); // set before save
  ASSERT_NULL(ref_at(&r, 0, "orders_controller.rb", 18)); // a key
  ASSERT_NULL(ref_at(&r, 0, "orders_controller.rb", 22)); // find: updates
  ASSERT_NULL(ref_at(&r, 0, "orders_controller.rb", 34)); // never saved
  ASSERT_NULL(ref_at(&r, 0, "orders_controller.rb", 1));
  ASSERT_EQ(count_for(&r, 0), 4);
  pf__scan_result_clear(&r);
  rm_dir(dir);
}

static const fixture saved_js[] = {
    {"orders.ts",
     "@Entity(\"orders\")\n"                                    // 1
     "export class Order extends BaseEntity {\n"                // 2
     "  @PrimaryGeneratedColumn() id!: number;\n"               // 3
     "}\n"                                                      // 4
     "@Entity(\"invoices\")\n"                                  // 5
     "export class Invoice {\n"                                 // 6
     "  @PrimaryGeneratedColumn() id!: number;\n"               // 7
     "}\n"                                                      // 8
     "export async function a(repo, manager, ds) {\n"           // 9
     "  const o = new Order();\n"                               // 10
     "  o.status = \"new\";\n"                                  // 11
     "  await repo.save(o);\n"                                  // 12
     "  const p = ds.getRepository(Order).create({ id: 1 });\n" // 13
     "  await manager.save(p);\n"                               // 14
     "  const q = manager.create(Order, { id: 2 });\n"          // 15
     "  await q.save();\n"                                      // 16
     "  const i = new Invoice();\n"                             // 17
     "  await repo.save(i);\n"                                  // 18
     "  const r = new Order();\n"                               // 19
     "  await ds.getRepository(Order).save(r);\n"               // 20
     "  const s = await repo.findOne({ where: { id: 1 } });\n"  // 21
     "  await repo.save(s);\n"                                  // 22
     "  let t = new Order();\n"                                 // 23
     "  t = await repo.findOne({ where: { id: 2 } });\n"        // 24
     "  await repo.save(t);\n"                                  // 25
     "  const u = new Order();\n"                               // 26
     "  return u;\n"                                            // 27
     "}\n"},                                                    // 28
    {"models.js",
     "Order.init({ id: { type: DataTypes.BIGINT, primaryKey: true } },\n" // 1
     "  { sequelize, tableName: \"orders\" });\n"                         // 2
     "async function f() {\n"                                             // 3
     "  const o = Order.build({ id: 1 });\n"                              // 4
     "  await o.save();\n"                                                // 5
     "  const p = await Order.findByPk(1);\n"                             // 6
     "  await p.save();\n"                                                // 7
     "  const q = Order.build({ id: 2 });\n"                              // 8
     "  return q;\n"                                                      // 9
     "}\n"},                                                              // 10
    {NULL, NULL}};

TEST(ormcreate_saved_later_js)
{
  pf_scan_result r;
  char *dir;
  scan(saved_js, &region, 1, &r, &dir);
  ASSERT_OMITS(&r, "orders.ts", 2, PF_CONF_HIGH); // the entity
  // TypeORM: new Order(), repository create() of the entity, then save.
  ASSERT_OMITS(&r, "orders.ts", 10, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "orders.ts", 13, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "orders.ts", 15, PF_CONF_HIGH);
  ASSERT_NULL(ref_at(&r, 0, "orders.ts", 12)); // reported at the instance
  ASSERT_NULL(ref_at(&r, 0, "orders.ts", 17)); // another table
  // getRepository(Order).save(r): that create's own report, not twice.
  ASSERT_OMITS(&r, "orders.ts", 20, PF_CONF_HIGH);
  ASSERT_NULL(ref_at(&r, 0, "orders.ts", 19));
  ASSERT_NULL(ref_at(&r, 0, "orders.ts", 21)); // fetched: save() updates
  ASSERT_NULL(ref_at(&r, 0, "orders.ts", 23)); // bound again before save
  ASSERT_NULL(ref_at(&r, 0, "orders.ts", 26)); // never saved
  // Sequelize: build() then save().
  ASSERT_OMITS(&r, "models.js", 1, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "models.js", 4, PF_CONF_HIGH);
  ASSERT_NULL(ref_at(&r, 0, "models.js", 6));
  ASSERT_NULL(ref_at(&r, 0, "models.js", 8));
  ASSERT_EQ(count_for(&r, 0), 7);
  pf__scan_result_clear(&r);
  rm_dir(dir);
}

static const fixture saved_typed[] = {
    {"OrderService.java",
     "@Entity\n"                                         // 1
     "@Table(name = \"orders\")\n"                       // 2
     "class Order {\n"                                   // 3
     "  @Id private Long id;\n"                          // 4
     "}\n"                                               // 5
     "class OrderService {\n"                            // 6
     "  void a(EntityManager em, OrderRepository r) {\n" // 7
     "    Order o = new Order();\n"                      // 8
     "    o.setStatus(\"new\");\n"                       // 9
     "    em.persist(o);\n"                              // 10
     "    Order p = new Order();\n"                      // 11
     "    r.save(p);\n"                                  // 12
     "    Invoice i = new Invoice();\n"                  // 13
     "    em.persist(i);\n"                              // 14
     "    Order q = em.find(Order.class, 1L);\n"         // 15
     "    em.persist(q);\n"                              // 16
     "    Order s = new Order();\n"                      // 17
     "    s = em.find(Order.class, 2L);\n"               // 18
     "    em.persist(s);\n"                              // 19
     "    Order t = new Order();\n"                      // 20
     "    System.out.println(t);\n"                      // 21
     "  }\n"                                             // 22
     "}\n"},                                             // 23
    {"Order.cs",
     "[Table(\"orders\")]\n"                           // 1
     "public class Order\n"                            // 2
     "{\n"                                             // 3
     "    public long Id { get; set; }\n"              // 4
     "}\n"                                             // 5
     "public class Svc\n"                              // 6
     "{\n"                                             // 7
     "    void F(ShopContext db, List<Order> list)\n"  // 8
     "    {\n"                                         // 9
     "        var o = new Order { Id = 1 };\n"         // 10
     "        db.Orders.Add(o);\n"                     // 11
     "        var p = new Order();\n"                  // 12
     "        db.Add(p);\n"                            // 13
     "        var i = new Invoice { Id = 1 };\n"       // 14
     "        db.Invoices.Add(i);\n"                   // 15
     "        var q = new Order();\n"                  // 16
     "        list.Add(q);\n"                          // 17
     "        var r = new Order();\n"                  // 18
     "        r = db.Orders.Find(1L);\n"               // 19
     "        db.Orders.Add(r);\n"                     // 20
     "        Order s = new Order();\n"                // 21
     "        _context.Set<Order>().AddRange(o, s);\n" // 22
     "        Order t = new() { Id = 3 };\n"           // 23
     "        db.Add(t);\n"                            // 24
     "    }\n"                                         // 25
     "}\n"},                                           // 26
    {"m.go",
     "package m\n"                                             // 1
     "type Order struct {\n"                                   // 2
     "\tID uint `gorm:\"primaryKey\"`\n"                       // 3
     "}\n"                                                     // 4
     "func (Order) TableName() string { return \"orders\" }\n" // 5
     "func f(db *gorm.DB) {\n"                                 // 6
     "\to := Order{ID: 1}\n"                                   // 7
     "\tdb.Create(&o)\n"                                       // 8
     "\tp := &Order{ID: 2}\n"                                  // 9
     "\tdb.Create(p)\n"                                        // 10
     "\tvar r Order\n"                                         // 11
     "\tdb.First(&r, 1)\n"                                     // 12
     "\tdb.Save(&r)\n"                                         // 13
     "}\n"},                                                   // 14
    {NULL, NULL}};

// JPA and EF follow the variable here; GORM already did (arg_model in
// orm_go.c finds the variable's type) and reports at the Create.
TEST(ormcreate_saved_later_jpa_ef_gorm)
{
  pf_scan_result r;
  char *dir;
  scan(saved_typed, &region, 1, &r, &dir);
  ASSERT_OMITS(&r, "OrderService.java", 3, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "OrderService.java", 8, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "OrderService.java", 11, PF_CONF_HIGH);
  ASSERT_NULL(ref_at(&r, 0, "OrderService.java", 10)); // at the instance
  ASSERT_NULL(ref_at(&r, 0, "OrderService.java", 13)); // no such entity
  ASSERT_NULL(ref_at(&r, 0, "OrderService.java", 15)); // fetched
  ASSERT_NULL(ref_at(&r, 0, "OrderService.java", 17)); // bound again
  ASSERT_NULL(ref_at(&r, 0, "OrderService.java", 20)); // never persisted
  ASSERT_OMITS(&r, "Order.cs", 2, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "Order.cs", 10, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "Order.cs", 12, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "Order.cs", 21, PF_CONF_HIGH); // AddRange on a Set<T>()
  ASSERT_OMITS(&r, "Order.cs", 23, PF_CONF_HIGH); // target-typed new()
  ASSERT_NULL(ref_at(&r, 0, "Order.cs", 14));     // another table
  ASSERT_NULL(ref_at(&r, 0, "Order.cs", 16));     // a list's Add
  ASSERT_NULL(ref_at(&r, 0, "Order.cs", 18));     // bound again
  ASSERT_OMITS(&r, "m.go", 2, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "m.go", 8, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "m.go", 10, PF_CONF_HIGH);
  ASSERT_NULL(ref_at(&r, 0, "m.go", 7));  // reported at the Create
  ASSERT_NULL(ref_at(&r, 0, "m.go", 13)); // Save of a fetched record
  ASSERT_EQ(count_for(&r, 0), 11);
  pf__scan_result_clear(&r);
  rm_dir(dir);
}

static const fixture saved_repo[] = {
    {"svc.ts",
     "@Entity(\"orders\")\n"                      // 1
     "export class Order {\n"                     // 2
     "  @PrimaryGeneratedColumn() id!: number;\n" // 3
     "}\n"                                        // 4
     "@Entity(\"invoices\")\n"                    // 5
     "export class Invoice {\n"                   // 6
     "  @PrimaryGeneratedColumn() id!: number;\n" // 7
     "}\n"                                        // 8
     "export class OrderService {\n"              // 9
     "  constructor(@InjectRepository(Order) private readonly orders: "
     "Repository<Order>, private ds: DataSource, private invoices: "
     "Repository<Invoice>) {}\n"                         // 10
     "  private repo: Repository<Order>;\n"              // 11
     "  async a(other: Repository<Order>, untyped) {\n"  // 12
     "    const o = this.orders.create({ id: 1 });\n"    // 13
     "    await this.orders.save(o);\n"                  // 14
     "    const p = this.repo.create({ id: 1 });\n"      // 15
     "    await this.repo.save(p);\n"                    // 16
     "    const q = other.create({});\n"                 // 17
     "    await other.save(q);\n"                        // 18
     "    const r = untyped.create({});\n"               // 19
     "    await untyped.save(r);\n"                      // 20
     "    const s: Order = untyped.create({});\n"        // 21
     "    await untyped.save(s);\n"                      // 22
     "    const i = this.invoices.create({});\n"         // 23
     "    await this.invoices.save(i);\n"                // 24
     "    const local = this.ds.getRepository(Order);\n" // 25
     "    const t = local.create({});\n"                 // 26
     "    await local.save(t);\n"                        // 27
     "    const u = this.orders.create({ id: 2 });\n"    // 28
     "    return u;\n"                                   // 29
     "  }\n"                                             // 30
     "}\n"},                                             // 31
    {NULL, NULL}};

// TypeORM's repo.create(...) then repo.save(o): the repository's entity
// comes from its declaration (Repository<Order> on a field, a constructor
// parameter property, a parameter; getRepository(Order) as its value) or
// from the variable's annotation (const s: Order).
TEST(ormcreate_saved_later_typeorm_repository)
{
  pf_scan_result r;
  char *dir;
  scan(saved_repo, &region, 1, &r, &dir);
  ASSERT_OMITS(&r, "svc.ts", 2, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "svc.ts", 13, PF_CONF_HIGH); // parameter property
  ASSERT_OMITS(&r, "svc.ts", 15, PF_CONF_HIGH); // class field
  ASSERT_OMITS(&r, "svc.ts", 17, PF_CONF_HIGH); // typed parameter
  ASSERT_OMITS(&r, "svc.ts", 21, PF_CONF_HIGH); // annotated variable
  ASSERT_OMITS(&r, "svc.ts", 26, PF_CONF_HIGH); // getRepository(Order)
  ASSERT_NULL(ref_at(&r, 0, "svc.ts", 19));     // nothing says the entity
  ASSERT_NULL(ref_at(&r, 0, "svc.ts", 23));     // another table's
  ASSERT_NULL(ref_at(&r, 0, "svc.ts", 28));     // never saved
  ASSERT_EQ(count_for(&r, 0), 6);
  pf__scan_result_clear(&r);
  rm_dir(dir);
}

// A save far from its constructor is found (the walk skips to the
// variable's first use, not node by node); a class whose name holds no
// prefilter needle (Purchase for orders) is not followed, though its
// one-statement creates are.
TEST(ormcreate_saved_later_far_and_named)
{
  char *far = NULL;
  size_t cap = 0;
  FILE *mem = open_memstream(&far, &cap);
  if (!mem)
    PF_TEST_FAIL("open_memstream: %s", strerror(errno));
  fputs("class Order(Base):\n"                            // 1
        "    __tablename__ = \"orders\"\n"                // 2
        "    id = Column(BigInteger, primary_key=True)\n" // 3
        "def f(session):\n"                               // 4
        "    o = Order(id=1)\n",                          // 5
        mem);
  for (int i = 0; i < 4000; i++)
    fprintf(mem, "    x%d = g(%d)\n", i, i); // 6 .. 4005
  fputs("    session.add(o)\n", mem);        // 4006
  fclose(mem);
  const fixture files[] = {
      {"models.py", far},
      {"purchase.ts",
       "@Entity(\"orders\")\n"                          // 1
       "export class Purchase {\n"                      // 2
       "  @PrimaryGeneratedColumn() id!: number;\n"     // 3
       "}\n"                                            // 4
       "export async function a(ds, repo) {\n"          // 5
       "  const p = new Purchase();\n"                  // 6
       "  await repo.save(p);\n"                        // 7
       "  await ds.getRepository(Purchase).save({});\n" // 8
       "}\n"},                                          // 9
      {NULL, NULL}};
  pf_scan_result r;
  char *dir;
  scan(files, &region, 1, &r, &dir);
  ASSERT_OMITS(&r, "models.py", 1, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "models.py", 5, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "purchase.ts", 2, PF_CONF_HIGH);
  ASSERT_OMITS(&r, "purchase.ts", 8, PF_CONF_HIGH);
  ASSERT_NULL(ref_at(&r, 0, "purchase.ts", 6));
  ASSERT_EQ(count_for(&r, 0), 4);
  pf__scan_result_clear(&r);
  rm_dir(dir);
  free(far);
}

/* Section - COPY through a driver's API */

static const fixture copies[] = {
    {"load.py",
     "async def f(pool, recs, cur, fh, cols):\n" // 1
     "    await pool.copy_records_to_table(\"orders\", records=recs, "
     "columns=[\"status\"])\n" // 2
     "    await pool.copy_records_to_table(\"orders\", records=recs, "
     "columns=[\"status\", \"region\"])\n"                              // 3
     "    await pool.copy_records_to_table(\"orders\", records=recs)\n" // 4
     "    await pool.copy_records_to_table(\"orders\", records=recs, "
     "columns=cols)\n" // 5
     "    await pool.copy_records_to_table(\"invoices\", records=recs, "
     "columns=[\"a\"])\n"                                                // 6
     "    cur.copy_from(fh, \"public.orders\", columns=(\"status\",))\n" // 7
     "    cur.copy_from(fh, \"invoices\", columns=(\"a\",))\n"},         // 8
    {"load.go",
     "package load\n"                                                     // 1
     "func f(ctx context.Context, pool *pgxpool.Pool, cols []string) {\n" // 2
     "\tpool.CopyFrom(ctx, pgx.Identifier{\"orders\"}, "
     "[]string{\"status\"}, src)\n" // 3
     "\tpool.CopyFrom(ctx, pgx.Identifier{\"public\", \"orders\"}, "
     "[]string{\"status\", \"region\"}, src)\n"                      // 4
     "\tpool.CopyFrom(ctx, pgx.Identifier{\"orders\"}, cols, src)\n" // 5
     "\tpool.CopyFrom(ctx, pgx.Identifier{\"shipments\"}, "
     "[]string{\"a\"}, src)\n" // 6
     "}\n"},                   // 7
    {NULL, NULL}};

TEST(ormcreate_driver_copy)
{
  pf_scan_result r;
  char *dir;
  scan(copies, &region, 1, &r, &dir);
  ASSERT_OMITS(&r, "load.py", 2, PF_CONF_HIGH);
  ASSERT_NULL(ref_at(&r, 0, "load.py", 3));     // lists region
  ASSERT_OMITS(&r, "load.py", 4, PF_CONF_HIGH); // every column: appended
  ASSERT_NULL(ref_at(&r, 0, "load.py", 5));     // a variable list
  ASSERT_NULL(ref_at(&r, 0, "load.py", 6));     // another table
  ASSERT_OMITS(&r, "load.py", 7, PF_CONF_HIGH); // psycopg2, qualified
  ASSERT_NULL(ref_at(&r, 0, "load.py", 8));
  ASSERT_OMITS(&r, "load.go", 3, PF_CONF_HIGH);
  ASSERT_NULL(ref_at(&r, 0, "load.go", 4));
  ASSERT_NULL(ref_at(&r, 0, "load.go", 5));
  ASSERT_NULL(ref_at(&r, 0, "load.go", 6));
  ASSERT_EQ(count_for(&r, 0), 4);
  pf__scan_result_clear(&r);
  rm_dir(dir);
}

/* Section - Columns of a base class */

static const fixture based[] = {
    {"base.py",
     "class Base(DeclarativeBase):\n" // 1
     "    region: Mapped[str] = mapped_column(Text, server_default=\"eu\")\n"
     "\n"}, // 3
    {"models.py",
     "class Order(Base):\n"                              // 1
     "    __tablename__ = \"orders\"\n"                  // 2
     "    id = Column(BigInteger, primary_key=True)\n"   // 3
     "class Other(Model):\n"                             // 4
     "    __tablename__ = \"orders\"\n"                  // 5
     "    id = Column(BigInteger, primary_key=True)\n"}, // 6
    {NULL, NULL}};

// A declarative base of the code that declares the column gives it to
// every model deriving from it; a model on another base still lacks it.
TEST(ormcreate_base_class_columns)
{
  pf_scan_result r;
  char *dir;
  scan(based, &region, 1, &r, &dir);
  ASSERT_NULL(ref_at(&r, 0, "models.py", 1));
  ASSERT_NULL(ref_at(&r, 0, "base.py", 2)); // a default: not nullable
  ASSERT_OMITS(&r, "models.py", 4, PF_CONF_HIGH);
  ASSERT_EQ(count_for(&r, 0), 1);
  pf__scan_result_clear(&r);
  rm_dir(dir);
}

/* Section - What leaves the column out */

static const fixture sites[] = {
    {"app.py",
     "def f(cur):\n"                                                 // 1
     "    cur.execute(\"INSERT INTO orders (status) VALUES (1)\")\n" // 2
     "    cur.execute(\"COPY orders (status) FROM STDIN\")\n"        // 3
     "    cur.copy_from(fh, \"orders\", columns=(\"status\",))\n"},  // 4
    {"models.py",
     "class Order(models.Model):\n"                // 1
     "    class Meta:\n"                           // 2
     "        db_table = \"orders\"\n"             // 3
     "class Shipment(models.Model):\n"             // 4
     "    region = models.TextField(null=True)\n"  // 5
     "    class Meta:\n"                           // 6
     "        db_table = \"orders\"\n"             // 7
     "def g():\n"                                  // 8
     "    Order.objects.create(customer_id=1)\n"}, // 9
    {NULL, NULL}};

// Each reference says what in the code leaves the column out, so that the
// finding can count INSERTs, COPYs, models and nullable fields apart.
TEST(ormcreate_omit_sites)
{
  pf_scan_result r;
  char *dir;
  scan(sites, &region, 1, &r, &dir);
  static const struct {
    const char *file;
    uint32_t line;
    pf_omit_site site;
  } want[] = {{"app.py", 2, PF_OMIT_INSERT},
              {"app.py", 3, PF_OMIT_COPY},
              {"app.py", 4, PF_OMIT_COPY},
              {"models.py", 1, PF_OMIT_MODEL},
              {"models.py", 5, PF_OMIT_NULLABLE_FIELD},
              {"models.py", 9, PF_OMIT_INSERT}};
  for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
    const pf_code_ref *x = ref_at(&r, 0, want[i].file, want[i].line);
    if (!x)
      PF_TEST_FAIL("no reference at %s:%u", want[i].file, want[i].line);
    ASSERT_EQ(x->kind, PF_REF_INSERT_OMITS);
    ASSERT_EQ(x->omit, want[i].site);
  }
  ASSERT_EQ(count_for(&r, 0), 6);
  pf__scan_result_clear(&r);
  rm_dir(dir);
}
