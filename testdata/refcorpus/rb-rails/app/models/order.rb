# Orders belong to a customer; customer_id is the foreign key.  pf-decoy: orders.customer_id
class Order < ApplicationRecord  # pf-decoy: insert:orders.region
  belongs_to :customer # pf-ref: orders.customer_id=orm
  has_many :invoices

  scope :for_customer, ->(id) { where(customer_id: id) } # pf-ref: orders.customer_id=qb
  scope :annotated, -> { where.not(notes: nil) } # pf-ref: orders.notes=qb

  validates :notes, length: { maximum: 2000 } # pf-ref: orders.notes=orm

  def summary
    "#{id}: #{notes}" # pf-ref: orders.notes=attr
  end

  def notes?
    notes.present? # pf-ref: orders.notes=attr
  end

  def with_note(notes) # pf-decoy: orders.notes
    "#{id}: #{notes}" # pf-decoy: orders.notes
  end

  def owner_label
    customer_id = 0 # pf-decoy: orders.customer_id
    customer_id.to_s # pf-decoy: orders.customer_id
  end
end

class OrderPresenter
  def initialize(notes) # pf-decoy: orders.notes
    @text = notes # pf-decoy: orders.notes
  end
end
