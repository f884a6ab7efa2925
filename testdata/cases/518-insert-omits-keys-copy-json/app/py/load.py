from psycopg2.extras import execute_values


def load(cur, rows, f, col):
    # execute_values fills VALUES %s: the text does not parse on its own
    execute_values(cur, "INSERT INTO orders (customer_id, total) VALUES %s", rows)
    execute_values(cur, "INSERT INTO orders (customer_id, region) VALUES %s", rows)
    cur.execute(f"INSERT INTO orders ({col}) VALUES %s")
    cur.copy_expert("COPY orders (customer_id, total) FROM STDIN WITH (FORMAT csv)", f)
    cur.copy_expert("COPY orders (customer_id, region) FROM STDIN WITH (FORMAT csv)", f)
    cur.copy_expert("COPY orders FROM STDIN", f)
    cur.copy_expert("COPY orders TO STDOUT", f)
