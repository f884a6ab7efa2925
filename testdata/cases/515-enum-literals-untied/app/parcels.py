# 'shipped' only where it is not the enum: another table's text column, a
# plain string, a different case. All low confidence: hidden without
# --show-low, so no finding.


def parcels(cur, parcel):
    cur.execute("SELECT id FROM parcels WHERE state = 'shipped'")
    message = "shipped"
    parcel.state = "shipped"
    return "Shipped", message
