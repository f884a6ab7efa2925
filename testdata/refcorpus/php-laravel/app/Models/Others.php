<?php

namespace App\Models;

use Illuminate\Database\Eloquent\Model;
use Illuminate\Foundation\Auth\User as Authenticatable;

class Invoice extends Model
{
    protected $fillable = ['order_id', 'customer_id', 'notes']; // pf-decoy: orders.customer_id orders.notes

    public function customer()
    {
        return $this->belongsTo(Customer::class, 'customer_id'); // pf-decoy: orders.customer_id
    }
}

class User extends Authenticatable
{
    protected $fillable = ['name', 'email']; // pf-ref: users.email=orm
    protected $hidden = ['password'];
}

class Customer extends Model
{
    protected $fillable = ['name', 'email']; // pf-decoy: users.email
}

class Coupon extends Model
{
    protected $table = 'coupons'; // pf-ref: coupons=orm
}
