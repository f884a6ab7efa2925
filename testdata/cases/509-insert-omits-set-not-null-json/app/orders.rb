# Raw SQL from Ruby.
class OrderStore
  def create(conn, customer_id)
    # omits notes and channel
    conn.exec_params("INSERT INTO orders (customer_id, total) VALUES ($1, 0)", [customer_id])
  end

  def create_full(conn, customer_id)
    # names both: fine
    conn.exec_params(<<~SQL, [customer_id])
      INSERT INTO orders (customer_id, total, notes, channel)
      VALUES ($1, 0, '', 'api')
    SQL
  end

  def positional_short(conn)
    # three values: id, customer_id, total; notes is the 4th column
    conn.exec("INSERT INTO orders VALUES (DEFAULT, 1, 0)")
  end

  def positional_full(conn)
    # six values reach every column: fine
    conn.exec("INSERT INTO orders VALUES (DEFAULT, 1, 0, 'n', 'new', 'web')")
  end
end
