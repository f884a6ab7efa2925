class Order < ApplicationRecord
  def self.x = where(customer_id: 1).pluck(:customer_id)
end
Order.connection.execute("SELECT customer_id FROM orders")
