"""Accounts: users log in with an email; customers have one too."""


def find_user(conn, email):  # pf-decoy: users.email
    return conn.execute(
        "SELECT id, name FROM users WHERE email = %s", (email,)  # pf-ref: users.email=sql pf-decoy: users.email
    ).fetchone()


def customer_contacts(conn):
    return conn.execute("SELECT name, email FROM customers").fetchall()  # pf-decoy: users.email


def users_and_customers(conn):
    return conn.execute(
        "SELECT u.email, c.email FROM users u JOIN customers c ON c.name = u.name"  # pf-ref: users.email=sql pf-decoy: users.email
    ).fetchall()


def signup(conn, email, name):  # pf-decoy: users.email
    conn.execute(
        "INSERT INTO users (email, name, created_at) VALUES (%s, %s, now())",  # pf-ref: users.email=sql pf-decoy: insert:orders.region
        (email, name),  # pf-decoy: users.email
    )


def send_receipt(mailer, email):  # pf-decoy: users.email
    mailer.send(to=email, subject="Your receipt")  # pf-decoy: users.email


def change_email(conn, user_id, email):  # pf-decoy: users.email
    conn.execute("UPDATE users SET email = %s WHERE id = %s", (email, user_id))  # pf-ref: users.email=sql pf-decoy: users.email


def active_coupon(conn, code):
    return conn.execute(
        "SELECT percent_off FROM coupons WHERE code = %s AND expires_at > now()",  # pf-ref: coupons=sql
        (code,),
    ).fetchone()


def batch_codes(conn, batch):
    # coupon_codes is a different table from coupons  pf-decoy: coupons
    return conn.execute("SELECT code FROM coupon_codes WHERE batch = %s", (batch,)).fetchall()


def coupons_report(coupons):  # pf-decoy: coupons
    return {c.code: c.percent_off for c in coupons}  # pf-decoy: coupons


def expire(conn):
    conn.execute("DELETE FROM coupons WHERE expires_at < now()")  # pf-ref: coupons=sql
    print("expired coupons removed")  # pf-decoy: coupons
