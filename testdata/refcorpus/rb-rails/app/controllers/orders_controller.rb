class OrdersController < ApplicationController
  def index
    @orders = Order.where(customer_id: params[:customer_id]).order(:created_at) # pf-ref: orders.customer_id=qb pf-decoy: orders.customer_id
    render json: @orders
  end

  def notes
    render json: Order.where(status: "open").pluck(:id, :notes) # pf-ref: orders.notes=qb
  end

  def create
    order = Order.create!(customer_id: current_customer.id, notes: params[:notes]) # pf-ref: insert:orders.region=ins orders.customer_id=qb orders.notes=qb pf-decoy: orders.notes
    Rails.logger.info("order #{order.id} for customer_id #{order.customer_id}") # pf-ref: orders.customer_id=attr pf-decoy: orders.customer_id
    render json: order
  end

  def update
    order = Order.find(params[:id])
    order.update(notes: params[:notes]) # pf-ref: orders.notes=qb pf-decoy: orders.notes
    order.notes = order.notes.strip # pf-ref: orders.notes=attr orders.notes=attr
    order.save!
  end

  def by_customer
    render json: Order.where("customer_id = ? AND notes IS NOT NULL", params[:cid]) # pf-ref: orders.customer_id=qb orders.notes=qb
  end

  def invoices
    render json: Invoice.where(customer_id: params[:cid]).pluck(:notes) # pf-decoy: orders.customer_id orders.notes
  end

  def customers
    render json: Order.select(:customer_id).distinct.count # pf-ref: orders.customer_id=qb
  end

  def import
    Order.insert_all([{ status: "imported" }, { status: "imported" }]) # pf-ref: insert:orders.region=ins
    Invoice.insert_all([{ order_id: 1 }]) # pf-decoy: insert:orders.region
    draft = Order.new(status: "draft") # pf-ref: insert:orders.region=ins
    draft.save!
    render json: draft
  end

  def regional
    order = Order.new(status: "draft") # pf-ref: insert:orders.region=ins
    order.save
    head :created
  end

  def regional_eu
    order = Order.new(status: "draft") # pf-decoy: insert:orders.region
    order.region = "eu"
    order.save!
    head :created
  end

  def restamp
    order = Order.find(params[:id]) # pf-decoy: insert:orders.region
    order.save!
    head :ok
  end

  private

  def order_params
    params.require(:order).permit(:customer_id, :notes) # pf-decoy: orders.customer_id orders.notes
  end
end
