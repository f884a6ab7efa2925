def notes(cur, note):
    cur.execute("SELECT id FROM notes WHERE body = 'shipped'")
    cur.execute("SELECT id FROM notes WHERE 'shipped' = ANY (tags)")
    note.tags = ["shipped"]
    cur.execute("SELECT id FROM notes WHERE body = 'sad'")
    mood = "sad"
