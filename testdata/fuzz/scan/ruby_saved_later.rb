class Order < ApplicationRecord
end

class OrdersController < ApplicationController
  def a
    o = Order.new(customer_id: 1)
    o.save!
  end

  def b
    @order = Order.new(order_params)
    @order.save
  end

  def c
    o = Order.new(customer_id: 1)
    o.region = "eu"
    o.save
  end

  def d
    o = Order.new(customer_id: 1, region: "eu")
    o.save
  end

  def e
    o = Order.find(params[:id])
    o.save
  end

  def f
    o = Order.new
    o.notes = "x"
    o.save
  end

  def g
    Order.new(status: "x").save
  end

  def h
    o = Order.new(status: "x")
    render json: o
  end
end
