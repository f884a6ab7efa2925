# Texts and logging only; no query here.
module MailerTexts
  SUBJECTS = {
    email_changed: "Your email was changed", # pf-decoy: users.email
    notes_added: "New notes on your order", # pf-decoy: orders.notes
  }.freeze

  def self.greeting(customer)
    "Hello #{customer.email}" # pf-decoy: users.email
  end

  def self.log_invoice(invoice)
    Rails.logger.info("invoice customer_id=#{invoice.customer_id} notes=#{invoice.notes}") # pf-decoy: orders.customer_id orders.customer_id orders.notes orders.notes
  end

  def self.coupons_banner(coupons) # pf-decoy: coupons
    coupons.map(&:code).join(", ") # pf-decoy: coupons
  end

  def self.recount
    Order.group(:customer_id).count # pf-ref: orders.customer_id=qb
  end
end
