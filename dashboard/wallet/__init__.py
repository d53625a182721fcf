"""Share of wallet: what part of each customer's spending in the category we win (IDIC's
differentiate step, seeds 004). ``share``: where the customer's total category spend is known
(a column of the customers file, or an estimate the user enters per tier), our revenue in the
period ÷ that spend scaled to the period, per customer and per tier, and the customers of high
wallet and low share (the opportunity list, also a campaign audience)."""
