; Laravel Eloquent models: classes are examined in C ($table, $fillable,
; belongsTo).
(class_declaration) @class

; Query-builder calls: Order::where(...), DB::table('orders')->where(...),
; $order->update([...]); the method name is checked in C.
(member_call_expression) @call
(scoped_call_expression) @call

; Attribute access on model instances: $order->customer_id.
(member_access_expression) @attribute
