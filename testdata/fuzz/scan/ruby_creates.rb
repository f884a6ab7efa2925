class Order < ApplicationRecord
  attribute :region, default: "eu"
  before_create :fill
end
Order.create(customer_id: 1, "notes" => 2)
Order.insert_all([{ customer_id: 1 }, row])
Order.create!(**attrs)
Order.create(customer_id: 1) { |o| o.notes = "" }
