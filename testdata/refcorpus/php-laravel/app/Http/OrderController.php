<?php

namespace App\Http;

use App\Models\Invoice;
use App\Models\Order;
use App\Models\User;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\DB;
use Illuminate\Support\Facades\Log;

class OrderController
{
    public function index(Request $request)
    {
        return Order::where('customer_id', $request->input('customer_id'))->latest()->get(); // pf-ref: orders.customer_id=qb pf-decoy: orders.customer_id
    }

    public function notes()
    {
        return Order::whereNotNull('notes')->pluck('notes', 'id'); // pf-ref: orders.notes=qb orders.notes=qb
    }

    public function store(Request $request)
    {
        $order = Order::create(['customer_id' => $request->user()->id, 'notes' => $request->notes]); // pf-ref: insert:orders.region=ins orders.customer_id=qb orders.notes=qb pf-decoy: orders.notes
        Log::info('order for customer_id '.$order->customer_id); // pf-ref: orders.customer_id=attr pf-decoy: orders.customer_id
        return $order;
    }

    public function update(Request $request, Order $order)
    {
        $order->notes = trim($request->notes); // pf-ref: orders.notes=attr pf-decoy: orders.notes
        $order->save();
    }

    public function report()
    {
        return DB::table('orders')->select('customer_id', DB::raw('count(*)'))->groupBy('customer_id')->get(); // pf-ref: orders.customer_id=qb orders.customer_id=qb
    }

    public function joined()
    {
        return DB::table('orders as o')->join('invoices as i', 'i.order_id', '=', 'o.id')
            ->where('o.notes', '<>', '')->get(); // pf-ref: orders.notes=qb
    }

    public function invoices(Request $request)
    {
        return Invoice::where('customer_id', $request->cid)->pluck('notes'); // pf-decoy: orders.customer_id orders.notes
    }

    public function invoiceTable(Request $request)
    {
        return DB::table('invoices')->where('customer_id', $request->cid)->get(); // pf-decoy: orders.customer_id
    }

    public function user(Request $request)
    {
        return User::where('email', $request->email)->firstOrFail(); // pf-ref: users.email=qb pf-decoy: users.email
    }

    public function raw()
    {
        return DB::select('SELECT customer_id, sum(total_cents) FROM orders GROUP BY customer_id'); // pf-ref: orders.customer_id=sql orders.customer_id=sql
    }

    public function coupons()
    {
        return DB::table('coupons')->where('expires_at', '>', now())->get(); // pf-ref: coupons=qb
    }

    public function import()
    {
        DB::table('orders')->insert(['status' => 'imported', 'total_cents' => 0]); // pf-ref: insert:orders.region=ins
        DB::table('invoices')->insert(['order_id' => 1, 'amount_cents' => 0]); // pf-decoy: insert:orders.region
    }
}
