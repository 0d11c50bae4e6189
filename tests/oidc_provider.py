"""A real OpenID Connect provider on 127.0.0.1 for the browser tests: discovery, a sign-in form that asks for a
user name (no password: it is a test identity provider), authorization codes, RS256-signed ID tokens, JWKS and
userinfo. Streamlit's st.login (Authlib) talks to it exactly as to Okta or Entra ID."""

from __future__ import annotations

import base64
import html
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

CLIENT_ID, CLIENT_SECRET = "medcite", "medcite-test-secret"


class Provider:
    def __init__(self) -> None:
        from joserfc.jwk import RSAKey  # joserfc comes with Authlib, which Streamlit's sign-in needs

        self.key = RSAKey.generate_key(2048)
        self.codes: dict[str, dict] = {}  # code -> {user, nonce, redirect_uri}
        self.tokens: dict[str, str] = {}  # access token -> user
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.issuer = f"http://127.0.0.1:{self.httpd.server_port}"

    def start(self) -> Provider:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()

    def metadata(self) -> dict:
        return {"issuer": self.issuer, "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token", "jwks_uri": f"{self.issuer}/jwks",
                "userinfo_endpoint": f"{self.issuer}/userinfo", "response_types_supported": ["code"],
                "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"],
                "scopes_supported": ["openid", "email", "profile"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"]}

    def claims(self, user: str) -> dict:
        return {"sub": user, "email": f"{user}@hospital.test", "email_verified": True, "name": user.title()}

    def id_token(self, user: str, nonce: str | None) -> str:
        from joserfc import jwt

        now = int(time.time())
        payload = {**self.claims(user), "iss": self.issuer, "aud": CLIENT_ID, "iat": now, "exp": now + 3600}
        if nonce:
            payload["nonce"] = nonce
        header = {"alg": "RS256", "kid": self.key.thumbprint()}
        return jwt.encode(header, payload, self.key)

    def jwks(self) -> dict:
        public = self.key.as_dict(private=False)
        return {"keys": [{**public, "kid": self.key.thumbprint(), "use": "sig", "alg": "RS256"}]}


def _handler(provider: Provider):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/.well-known/openid-configuration":
                return self._json(provider.metadata())
            if url.path == "/jwks":
                return self._json(provider.jwks())
            if url.path == "/userinfo":
                user = provider.tokens.get(self.headers.get("Authorization", "").removeprefix("Bearer "))
                return self._json(provider.claims(user)) if user else self._json({"error": "invalid_token"}, 401)
            if url.path == "/authorize":
                hidden = "".join(f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                                 for k, v in query.items())
                page = (f'<html><body><h1>Hospital sign-in</h1><form method="post" action="/authorize">{hidden}'
                        '<label>User name <input name="username" autofocus></label>'
                        '<button type="submit">Sign in</button></form></body></html>')
                return self._send(200, page.encode(), "text/html")
            self._json({"error": "not_found"}, 404)

        def do_POST(self) -> None:
            url = urlparse(self.path)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            form = {k: v[0] for k, v in parse_qs(body).items()}
            if url.path == "/authorize":
                if form.get("client_id") != CLIENT_ID or not form.get("username"):
                    return self._json({"error": "invalid_request"}, 400)
                code = secrets.token_urlsafe(16)
                provider.codes[code] = {"user": form["username"], "nonce": form.get("nonce"),
                                        "redirect_uri": form.get("redirect_uri")}
                target = f"{form['redirect_uri']}?{urlencode({'code': code, 'state': form.get('state', '')})}"
                self.send_response(302)
                self.send_header("Location", target)
                self.end_headers()
                return
            if url.path == "/token":
                client = self._client(form)
                grant = provider.codes.pop(form.get("code", ""), None)
                if client != (CLIENT_ID, CLIENT_SECRET) or grant is None or \
                        grant["redirect_uri"] != form.get("redirect_uri"):
                    return self._json({"error": "invalid_grant"}, 400)
                access = secrets.token_urlsafe(16)
                provider.tokens[access] = grant["user"]
                return self._json({"access_token": access, "token_type": "Bearer", "expires_in": 3600,
                                   "id_token": provider.id_token(grant["user"], grant["nonce"]),
                                   "scope": "openid email profile"})
            self._json({"error": "not_found"}, 404)

        def _client(self, form: dict) -> tuple[str, str]:
            auth = self.headers.get("Authorization", "")
            if auth.startswith("Basic "):
                user, _, password = base64.b64decode(auth[6:]).decode().partition(":")
                from urllib.parse import unquote

                return unquote(user), unquote(password)
            return form.get("client_id", ""), form.get("client_secret", "")

        def _json(self, data: dict, status: int = 200) -> None:
            self._send(status, json.dumps(data).encode(), "application/json")

        def _send(self, status: int, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler
