-- A body above the 2 MiB limit of both servers (413), 3 MiB of padding.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"chavePagamento": "MS00579", "chaveUnica": "101012", "integracao": {"x": "' .. string.rep("a", 3 * 1024 * 1024) .. '"}}'
