class Order < ApplicationRecord
end

class OrdersController < ApplicationController
  def create
    order = Order.new(customer_id: params[:customer_id], region: params[:region])
    order.save!
  end

  def create_in_eu
    order = Order.new(customer_id: params[:customer_id])
    order.region = "eu"
    order.save!
  end

  def touch
    order = Order.find(params[:id])
    order.save!
  end
end
