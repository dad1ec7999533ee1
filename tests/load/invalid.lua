-- An invalid request: a blank mandatory attribute and an unknown one (400
-- from the generated server; the hand-written one has no such rule and
-- answers 404 for the unknown key, so only its cost is compared).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"chavePagamento": " ", "chaveUnica": "101012", "ChaveUnica": "x"}'
