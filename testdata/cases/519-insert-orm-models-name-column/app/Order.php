<?php
class Order extends Model
{
    protected $table = 'orders';
    protected $attributes = ['region' => 'eu'];
}

function place() {
    Order::create(['customer_id' => 1]);
    DB::table('orders')->insert(['customer_id' => 1, 'region' => 'eu']);
}
