class Order < ApplicationRecord
  belongs_to :customer
end

class Parcel < ApplicationRecord
  self.table_name = "orders"
  attribute :region, default: "eu"
end

class OrderImporter
  def run(rows, attrs)
    Order.create!(customer_id: 1, notes: "")
    Order.create(customer_id: 1, region: "eu")
    Order.create(attrs)
    Order.insert_all([{ customer_id: 1 }, { customer_id: 2 }])
    Parcel.create(customer_id: 1)
    Order.create(customer_id: 1) { |o| o.region = "eu" }
  end
end
