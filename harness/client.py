"""An HTTP client for the throwaway servers: a reader or a staff member behind the TLS proxy."""

import http.client
import http.cookies
import urllib.parse


class Visitor:
    """A browser behind the TLS proxy: keeps its cookies, says https, sends a Referer."""

    def __init__(self, base):
        self.base = base
        self.host = urllib.parse.urlsplit(base).netloc
        self.cookies = http.cookies.SimpleCookie()

    def request(self, method, path, form=None):
        connection = http.client.HTTPConnection(self.host, timeout=30)
        headers = {"X-Forwarded-Proto": "https", "Referer": f"https://{self.host}{path}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={m.value}" for k, m in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.text = response.read().decode()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(header)
        return response

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, form):
        form = {**form, "csrfmiddlewaretoken": self.cookies["csrftoken"].value}
        return self.request("POST", path, form)

    def log_in(self, username, password):
        self.get("/admin/login/")
        response = self.post("/admin/login/", {"username": username, "password": password})
        if response.status != 302:
            raise AssertionError(f"{response.status}: {response.text[:500]}")

    def act_on_mission(self, action, mission_id):
        changelist = "/admin/missions/mission/"
        self.get(changelist)
        response = self.post(changelist, {"action": action, "_selected_action": mission_id})
        if response.status != 302:
            raise AssertionError(f"{response.status}: {response.text[:500]}")
