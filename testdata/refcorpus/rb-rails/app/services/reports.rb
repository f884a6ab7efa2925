class Reports
  SQL = <<~SQL
    SELECT customer_id, count(*) -- pf-ref: orders.customer_id=sql
      FROM orders
     WHERE notes IS NULL -- pf-ref: orders.notes=sql
     GROUP BY customer_id -- pf-ref: orders.customer_id=sql
  SQL

  def totals
    ActiveRecord::Base.connection.exec_query(SQL).to_a
  end

  def invoice_totals
    ActiveRecord::Base.connection.select_all("SELECT customer_id, sum(amount_cents) FROM invoices GROUP BY 1") # pf-decoy: orders.customer_id
  end

  def login(email) # pf-decoy: users.email
    Account.find_by(email: email) # pf-ref: users.email=qb pf-decoy: users.email
  end

  def emails
    Account.pluck(:email) # pf-ref: users.email=qb
  end

  def raw_emails
    ActiveRecord::Base.connection.select_values("SELECT email FROM users WHERE created_at > now() - interval '1 day'") # pf-ref: users.email=sql
  end

  def customer_emails
    Customer.pluck(:email) # pf-decoy: users.email
  end

  def live_coupons
    Coupon.where(code: "SPRING").exists? # pf-ref: coupons=qb
  end

  def purge
    ActiveRecord::Base.connection.execute("DELETE FROM coupons WHERE expires_at < now()") # pf-ref: coupons=sql
    puts "coupons purged" # pf-decoy: coupons
  end
end
