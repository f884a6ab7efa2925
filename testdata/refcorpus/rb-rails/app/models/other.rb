class Invoice < ApplicationRecord
  belongs_to :order
  belongs_to :customer # pf-decoy: orders.customer_id

  scope :open_for, ->(cid) { where(customer_id: cid) } # pf-decoy: orders.customer_id
end

class Account < ApplicationRecord
  self.table_name = "users"
  validates :email, presence: true, uniqueness: true # pf-ref: users.email=orm
end

class Customer < ApplicationRecord
  has_many :orders
  validates :email, presence: true # pf-decoy: users.email
end

class Coupon < ApplicationRecord # pf-ref: coupons=orm
  scope :live, -> { where("expires_at > now()") }
end

class CouponCode < ApplicationRecord # pf-decoy: coupons
end
