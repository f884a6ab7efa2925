# Reading rows and models by key.
class RowReads
  def owners
    rows = ActiveRecord::Base.connection.select_all("SELECT id, customer_id FROM orders") # pf-ref: orders.customer_id=sql
    rows.map { |row| row["customer_id"] } # pf-ref: orders.customer_id=attr
  end

  def note_of(id)
    order = Order.find(id)
    order[:notes] # pf-ref: orders.notes=attr
  end

  def shipment_notes
    rows = ActiveRecord::Base.connection.select_all("SELECT notes FROM shipments") # pf-decoy: orders.notes
    rows.each do |row|
      puts row["notes"] # pf-decoy: orders.notes
    end
  end

  def webhook(body)
    payload = JSON.parse(body)
    payload["customer_id"] # pf-decoy: orders.customer_id
  end
end
