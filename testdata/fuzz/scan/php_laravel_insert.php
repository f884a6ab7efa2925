	<?php
class Order extends Model {
    protected $table = 'orders';
    protected $attributes = ['notes' => '', 'region'];
    public static function booted() {}
}
Order::create(['customer_id' => 1, ...$x]);
Order::create([['notes' => 1], []]);
DB::table('orders')->insert([]);
DB::table('orders')->insert([['customer_id' => 1], ['notes' => 2]]);
DB::table('orders as o')->insertGetId(['a' => 1]);
