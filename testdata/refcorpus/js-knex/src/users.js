const knex = require("./db");

async function byEmail(email) { // pf-decoy: users.email
  return knex("users").where({ email }).first(); // pf-ref: users.email=qb pf-decoy: users.email
}

async function emails() {
  return knex("users").pluck("email"); // pf-ref: users.email=qb
}

async function customerEmails() {
  return knex("customers").select("email"); // pf-decoy: users.email
}

async function coupons() { // pf-decoy: coupons
  return knex("coupons").where("expires_at", ">", knex.fn.now()); // pf-ref: coupons=qb
}

async function couponCodes(batch) {
  return knex("coupon_codes").where({ batch }); // pf-decoy: coupons
}

async function rawUser(id) {
  const { rows } = await knex.raw(
    `SELECT email -- pf-ref: users.email=sql
       FROM users
      WHERE id = ?`,
    [id]
  );
  return rows[0];
}

function sendMail(customer) {
  return mailer.send({ to: customer.email, subject: "Welcome" }); // pf-decoy: users.email
}

module.exports = { byEmail, emails, customerEmails, coupons, couponCodes, rawUser, sendMail };
