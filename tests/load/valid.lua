-- A valid request: the statement of MS00579 (200).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"chavePagamento": "MS00579", "chaveUnica": "101012"}'
