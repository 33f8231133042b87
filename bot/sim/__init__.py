"""`relais simulate`: the real engine, flows, rota and storage on a virtual clock."""
