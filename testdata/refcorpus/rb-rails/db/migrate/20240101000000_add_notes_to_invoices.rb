class AddNotesToInvoices < ActiveRecord::Migration[7.1]
  def change
    add_column :invoices, :notes, :text # pf-decoy: orders.notes
    add_column :invoices, :customer_id, :bigint # pf-decoy: orders.customer_id
    add_index :invoices, :customer_id # pf-decoy: orders.customer_id
    add_column :customers, :email, :string # pf-decoy: users.email
    create_table :coupon_codes do |t| # pf-decoy: coupons
      t.string :code
    end
  end
end
