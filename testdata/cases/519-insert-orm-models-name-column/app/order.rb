class Order < ApplicationRecord
  attribute :region, default: "eu"
end

Order.create(customer_id: 1)
Order.insert_all([{ customer_id: 1, region: "eu" }])
