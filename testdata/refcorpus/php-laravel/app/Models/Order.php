<?php

namespace App\Models;

use Illuminate\Database\Eloquent\Model;

class Order extends Model  // pf-decoy: insert:orders.region
{
    protected $table = 'orders';

    protected $fillable = ['customer_id', 'status', 'notes']; // pf-ref: orders.customer_id=orm orders.notes=orm

    public function customer()
    {
        return $this->belongsTo(Customer::class); // pf-ref: orders.customer_id=orm
    }

    public function scopeForCustomer($query, int $id)
    {
        return $query->where('customer_id', $id); // pf-ref: orders.customer_id=qb
    }
}
