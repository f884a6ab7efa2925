<?php

namespace App\Models;

use Illuminate\Database\Eloquent\Model;
use Illuminate\Support\Facades\DB;

class Order extends Model
{
    protected $table = 'orders';
    protected $fillable = ['customer_id', 'notes', 'region'];
}

class Parcel extends Model
{
    protected $table = 'orders';
    protected $attributes = ['region' => 'eu'];
}

class Crate extends Model
{
    protected $table = 'orders';

    protected static function booted()
    {
        static::creating(fn ($crate) => $crate->region ??= 'eu');
    }
}

function place(array $data)
{
    Order::create(['customer_id' => 1, 'notes' => '']);
    Order::create(['customer_id' => 1, 'region' => 'eu']);
    Order::create($data);
    Parcel::create(['customer_id' => 1]);
    Crate::create(['customer_id' => 1]);
    DB::table('orders')->insert(['customer_id' => 1]);
    DB::table('orders')->insert([...$data, 'customer_id' => 1]);
    DB::table('invoices')->insert(['notes' => '']);
}
