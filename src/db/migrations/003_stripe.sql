-- Stripe: charge events (charge.refunded) name the PaymentIntent, not the Checkout
-- Session; find the payment by it without a scan.
CREATE INDEX payments_intent_idx ON payments (provider, payment_intent) WHERE payment_intent IS NOT NULL;
