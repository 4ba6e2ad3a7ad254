"""`interns serve --api-key`: a shared server is not open to anyone who can reach its port.

Every route but /health (what supervisors and load balancers probe) asks for `Authorization: Bearer
<key>`, as the OpenAI API does; a missing or wrong key is a 401 in the OpenAI error shape. The key is
compared in constant time. Clients read it from INTERNS_SERVE_API_KEY (the local backend sends it).
"""

from __future__ import annotations

import hmac
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the server's dependencies; clients only read the key
    from fastapi import FastAPI

API_KEY_ENV = "INTERNS_SERVE_API_KEY"
OPEN_PATHS = frozenset({"/health"})


def client_api_key() -> str:
    """The key a client of our server sends: the shared server's, else a placeholder (no key asked)."""
    return os.environ.get(API_KEY_ENV, "").strip() or "local"


def require_api_key(app: FastAPI, key: str) -> None:
    from fastapi import Request
    from fastapi.responses import JSONResponse

    expected = f"Bearer {key}".encode()

    @app.middleware("http")
    async def check(request: Request, call_next):  # type: ignore[no-untyped-def]
        if request.url.path in OPEN_PATHS:
            return await call_next(request)
        given = request.headers.get("authorization", "").encode()
        if not hmac.compare_digest(given, expected):
            error = {"message": "a valid API key is required: Authorization: Bearer <key> (interns serve --api-key)",
                     "type": "invalid_request_error", "param": None, "code": "invalid_api_key"}
            return JSONResponse({"error": error}, status_code=401)
        return await call_next(request)
