"""Bank transfers that pay VietQR orders: a provider's webhook (SePay first) tells us money arrived.

- sepay.py alone knows SePay: how it signs a call and what its JSON says;
- matching.py finds the order a transfer pays and marks it paid once, or files the transfer as unmatched;
- resolution.py is the hand of a seller or an officer on an unmatched transfer;
- selectors.py is what sellers and staff may read.
"""
