class Order < ApplicationRecord
end

class OrdersController < ApplicationController
  def create
    order = Order.new(customer_id: params[:customer_id])
    order.save!
  end

  def create_in_eu
    order = Order.new(customer_id: params[:customer_id])
    order.region = "eu"
    order.save!
  end
end
