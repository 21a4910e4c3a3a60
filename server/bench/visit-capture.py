#!/usr/bin/env python3
"""The capture app's numbers, measured in Chromium through its DevTools protocol (python3 stdlib only: a minimal
WebSocket client, no pip). Run by server/bench/visit-capture.sh against a throw-away server with the demo data.

(1) the first load of #/visits/{id} (empty cache, no service worker): bytes transferred, compressed as sent,
    against the respondent survey page's 2.2 KB (server/docs/performance.md);
(2) a 12-megapixel JPEG (4000x3000) through the page's own photo pipeline (js/photo.js, via the file input):
    its stored size after scaling on the device, and the ratio to the original;
(3) a visit with ten such photos: upload time from 'online' until the outbox is empty, on a throttled connection
    (Chromium network emulation: BENCH_UP_KBIT up, BENCH_DOWN_KBIT down, BENCH_LATENCY_MS) against unthrottled.

Usage: visit-capture.py BASE_URL PHOTO.jpg  (environment: CHROMIUM, BENCH_* as in visit-capture.sh)
"""
import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request

BASE = sys.argv[1].rstrip('/')
PHOTO = os.path.abspath(sys.argv[2])
CHROMIUM = os.environ.get('CHROMIUM', '/usr/bin/chromium')
PASSWORD = os.environ.get('BENCH_DEMO_PASSWORD', 'Demo-bench-pass-1')
UP_KBIT = float(os.environ.get('BENCH_UP_KBIT', '1500'))
DOWN_KBIT = float(os.environ.get('BENCH_DOWN_KBIT', '1500'))
LATENCY_MS = float(os.environ.get('BENCH_LATENCY_MS', '150'))
PHOTOS = int(os.environ.get('BENCH_PHOTOS', '10'))
RESPONDENT_REFERENCE_BYTES = 2.2 * 1024


def log(msg):
    print(f'[bench {time.strftime("%H:%M:%S", time.gmtime())}] {msg}', file=sys.stderr, flush=True)


# ------------------------------------------------------------------ HTTP API (Bearer tokens)
def api(method, path, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(BASE + path, data=data, method=method)
    req.add_header('Accept', 'application/json')
    if data is not None:
        req.add_header('Content-Type', 'application/json')
    if token:
        req.add_header('Authorization', 'Bearer ' + token)
    with urllib.request.urlopen(req, timeout=60) as r:
        raw = r.read()
        return json.loads(raw) if raw else None


def login(user):
    return api('POST', '/login', body={'username': user, 'password': PASSWORD})['access_token']


# ------------------------------------------------------------------ a minimal WebSocket client for CDP
class Cdp:
    def __init__(self, ws_url):
        assert ws_url.startswith('ws://')
        hostport, path = ws_url[5:].split('/', 1)
        host, port = hostport.split(':')
        self.sock = socket.create_connection((host, int(port)))
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f'GET /{path} HTTP/1.1\r\nHost: {hostport}\r\nUpgrade: websocket\r\n'
                           f'Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n').encode())
        head = b''
        while b'\r\n\r\n' not in head:
            head += self.sock.recv(1)
        assert b' 101 ' in head.split(b'\r\n')[0], head
        self.next_id = 0
        self.events = []

    def _send(self, text):
        payload = text.encode()
        mask = os.urandom(4)
        n = len(payload)
        header = bytes([0x81]) + (bytes([0x80 | n]) if n < 126 else
                                  bytes([0x80 | 126]) + struct.pack('>H', n) if n < 65536 else
                                  bytes([0x80 | 127]) + struct.pack('>Q', n))
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _recv_exact(self, n):
        buf = b''
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise EOFError('CDP socket closed')
            buf += chunk
        return buf

    def _recv(self):
        message = b''
        while True:
            b0, b1 = self._recv_exact(2)
            n = b1 & 0x7f
            if n == 126:
                n = struct.unpack('>H', self._recv_exact(2))[0]
            elif n == 127:
                n = struct.unpack('>Q', self._recv_exact(8))[0]
            data = self._recv_exact(n)
            if b0 & 0x0f == 0x8:
                raise EOFError('CDP closed')
            message += data
            if b0 & 0x80:
                return json.loads(message)

    def call(self, method, **params):
        self.next_id += 1
        my_id = self.next_id
        self._send(json.dumps({'id': my_id, 'method': method, 'params': params}))
        while True:
            m = self._recv()
            if m.get('id') == my_id:
                if 'error' in m:
                    raise RuntimeError(f'{method}: {m["error"]}')
                return m.get('result', {})
            self.events.append(m)

    def pump(self, seconds):
        """Collects events for a while (the page works meanwhile)."""
        self.sock.settimeout(0.2)
        end = time.time() + seconds
        try:
            while time.time() < end:
                try:
                    self.events.append(self._recv())
                except socket.timeout:
                    pass
        finally:
            self.sock.settimeout(None)

    def js(self, expression):
        r = self.call('Runtime.evaluate', expression=expression, awaitPromise=True, returnByValue=True)
        if 'exceptionDetails' in r:
            raise RuntimeError(f'{expression[:80]}: {r["exceptionDetails"]}')
        return r['result'].get('value')

    def wait(self, expression, timeout=120, what=None):
        end = time.time() + timeout
        while time.time() < end:
            v = self.js(expression)
            if v:
                return v
            time.sleep(0.1)
        page = self.js("[...document.querySelectorAll('.item-problem, #visit-outbox')].map((e) => e.innerText).join(' | ')")
        raise RuntimeError(f'timed out waiting for {what or expression}; the page says: {page[:600]}')


def start_chromium():
    profile = tempfile.mkdtemp(prefix='tanfang-bench-chrome.')
    proc = subprocess.Popen([CHROMIUM, '--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run',
                             '--disable-background-networking', '--disable-component-update', '--disable-sync',
                             '--disable-dev-shm-usage', f'--user-data-dir={profile}', '--remote-debugging-port=0',
                             '--window-size=390,844', 'about:blank'],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port_file = os.path.join(profile, 'DevToolsActivePort')
    for _ in range(300):
        if os.path.exists(port_file) and open(port_file).read().strip():
            break
        time.sleep(0.1)
    port = int(open(port_file).read().split()[0])
    targets = json.load(urllib.request.urlopen(f'http://127.0.0.1:{port}/json/list'))
    page = next(t for t in targets if t['type'] == 'page')
    return proc, profile, Cdp(page['webSocketDebuggerUrl'])


def main():
    shopper_token = login('shopper')
    lead_token = login('lead')
    mine = api('GET', '/api/v1/visits/mine', shopper_token)
    project_id = (mine['today'] + mine['upcoming'])[0]['projectId']
    shopper_id = api('GET', '/api/v1/me', shopper_token)['id']
    # the demo's planning rules would refuse more visits of the shopper to the same site: off for the benchmark
    api('PUT', f'/api/v1/projects/{project_id}/visit-settings', lead_token, {'sameSiteMinDays': 0, 'maxVisitsPerDay': 0})
    now = time.time()
    iso = lambda t: time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(t))

    def visit_in_progress():
        plan = api('POST', f'/api/v1/projects/{project_id}/visits', lead_token, {
            'mode': 'COVERT', 'windowFrom': iso(now - 3600), 'windowTo': iso(now + 8 * 3600),
            'scenario': 'benchmark', 'raterIds': [shopper_id]})
        vid = plan['visits'][0]['visitId']
        api('POST', f'/api/v1/visits/{vid}/check-in', shopper_token, {'deviceAt': iso(time.time())})
        return vid

    v_first, v_throttled, v_fast = visit_in_progress(), visit_in_progress(), visit_in_progress()
    proc, profile, cdp = start_chromium()
    try:
        cdp.call('Emulation.setDeviceMetricsOverride', width=390, height=844, deviceScaleFactor=2, mobile=True)
        cdp.call('Network.enable')
        cdp.call('Page.enable')
        # sign in through the app's form (the session is a cookie)
        cdp.call('Page.navigate', url=BASE + '/app/#/login')
        cdp.wait("!!document.querySelector('#login-form input[name=username]')")
        cdp.js(f"""(() => {{ const f = document.getElementById('login-form');
            const set = (n, v) => {{ const i = f.querySelector(`input[name=${{n}}]`); i.value = v; i.dispatchEvent(new Event('input')); }};
            set('username', 'shopper'); set('password', {json.dumps(PASSWORD)});
            f.querySelector('button[type=submit]').click(); }})()""")
        cdp.wait("!!document.getElementById('home-roles')", what='the home page')

        # (1) first load of the visit page: empty cache, service worker bypassed, everything it fetches
        cdp.call('Network.setBypassServiceWorker', bypass=True)
        cdp.call('Network.clearBrowserCache')
        cdp.events.clear()
        cdp.call('Page.navigate', url=f'{BASE}/app/?first-load#/visits/{v_first}')
        cdp.wait("location.search === '?first-load' && !!document.querySelector('article.item')", what='the visit page')
        cdp.pump(3)
        finished = {}
        urls = {}
        for e in cdp.events:
            if e.get('method') == 'Network.requestWillBeSent':
                urls[e['params']['requestId']] = e['params']['request']['url']
            if e.get('method') == 'Network.loadingFinished':
                finished[e['params']['requestId']] = e['params']['encodedDataLength']
        first_load = sum(finished.values())
        log(f'first load: {len(finished)} requests, {first_load} bytes')
        cdp.call('Network.setBypassServiceWorker', bypass=False)

        def photos_through_page(visit_id, count, conditions):
            """Attaches {count} copies of the photo offline, then times the upload from 'online' to an empty outbox."""
            # a query of its own: a full load, and the wait below cannot see the previous page
            cdp.call('Page.navigate', url=f'{BASE}/app/?visit={visit_id}#/visits/{visit_id}')
            cdp.wait(f"location.search === '?visit={visit_id}' && document.readyState === 'complete'"
                     " && !!document.querySelector('article.item input.photo-library')", what='the visit page')
            cdp.call('Network.emulateNetworkConditions', offline=True, latency=0, downloadThroughput=-1,
                     uploadThroughput=-1)
            doc = cdp.call('DOM.getDocument', depth=-1)
            for i in range(count):
                node = cdp.call('DOM.querySelector', nodeId=doc['root']['nodeId'],
                                selector='article.item input.photo-library')['nodeId']
                cdp.call('DOM.setFileInputFiles', nodeId=node, files=[PHOTO])
                cdp.wait(f"document.querySelectorAll('figure.photo[data-state=local]').length >= {i + 1}",
                         what=f'photo {i + 1} prepared')
                doc = cdp.call('DOM.getDocument', depth=-1)  # the page redraws: node ids change
                log(f'photo {i + 1} of {count} prepared on the page')
            sizes = cdp.js("""(async () => {
                const db = await new Promise((ok, no) => { const r = indexedDB.open('tanfang-visits'); r.onsuccess = () => ok(r.result); r.onerror = no; });
                const all = await new Promise((ok) => { const r = db.transaction('outbox').objectStore('outbox').getAll(); r.onsuccess = () => ok(r.result); });
                return all.filter((x) => x.kind === 'photo').map((x) => [x.blob.size, x.meta.width, x.meta.height, x.meta.originalBytes]); })()""")
            cdp.call('Network.emulateNetworkConditions', offline=False, **conditions)
            started = time.time()
            cdp.js("window.dispatchEvent(new Event('online'))")
            cdp.wait("document.getElementById('visit-outbox').dataset.pending === '0'", timeout=1800,
                     what='the outbox to empty')
            elapsed = time.time() - started
            cdp.call('Network.emulateNetworkConditions', offline=False, latency=0, downloadThroughput=-1,
                     uploadThroughput=-1)
            stored = api('GET', f'/api/v1/visits/{visit_id}', shopper_token)['photos']
            assert len(stored) == count, f'{len(stored)} photos stored, {count} sent'
            return elapsed, sizes, stored

        kbit = lambda k: k * 1000 / 8  # CDP wants bytes per second
        throttled = {'latency': LATENCY_MS, 'downloadThroughput': kbit(DOWN_KBIT), 'uploadThroughput': kbit(UP_KBIT)}
        fast = {'latency': 0, 'downloadThroughput': -1, 'uploadThroughput': -1}
        t_fast, sizes, stored = photos_through_page(v_fast, PHOTOS, fast)
        t_slow, _, _ = photos_through_page(v_throttled, PHOTOS, throttled)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)

    scaled, width, height, original = sizes[0]
    total = sum(s[0] for s in sizes)
    lines = [
        f'(1) first load of #/visits/{{id}} (empty cache, no service worker): {first_load} bytes transferred '
        f'({first_load / 1024:.1f} KB, {len(finished)} requests; aim < 100 KB) = {first_load / RESPONDENT_REFERENCE_BYTES:.1f}x '
        f'the respondent page (2.2 KB)',
        f'(2) a {os.path.getsize(PHOTO) / 1e6:.2f} MB 4000x3000 JPEG scaled on the device to {width}x{height}: '
        f'{scaled} bytes ({scaled / 1024:.0f} KB) = {scaled / original:.3f} of the original ({original / scaled:.1f}x smaller); '
        f'stored on the server: {stored[0]["sizeBytes"]} bytes',
        f'(3) {PHOTOS} photos ({total / 1e6:.2f} MB): upload {t_slow:.1f} s throttled ({UP_KBIT:g} kbit/s up, '
        f'{DOWN_KBIT:g} kbit/s down, {LATENCY_MS:g} ms latency) vs {t_fast:.2f} s unthrottled '
        f'({t_slow / t_fast:.1f}x); the link alone needs {total * 8 / (UP_KBIT * 1000):.1f} s',
    ]
    print('\n'.join(lines))


if __name__ == '__main__':
    main()
