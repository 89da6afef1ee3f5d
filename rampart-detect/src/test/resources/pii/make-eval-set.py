#!/usr/bin/env python3
"""Writes pii-eval.jsonl: the labelled set PiiEvaluationTest measures precision and recall on.

Each line: {"text": ..., "expected": [{"type": ..., "value": ...}, ...]}; a finding counts as right
when its type and its exact text are those of an expected item. Positives are made with their own
checksums here (Luhn, mod-97, CRC32), independent of the Java detectors; hard negatives are the
look-alikes that fool naive scanners. Seeded, so the file is reproducible: python3 make-eval-set.py
"""
import base64, json, random, zlib

R = random.Random(7)
lines = []

def add(text, *expected):
    lines.append({"text": text, "expected": [{"type": t, "value": v} for t, v in expected]})

# ---- cards --------------------------------------------------------------------------------------
def luhn_complete(prefix, length):
    body = prefix + "".join(str(R.randrange(10)) for _ in range(length - len(prefix) - 1))
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9: d -= 9
        total += d
    return body + str((10 - total % 10) % 10)

def luhn_ok(d):
    total = 0
    for i, ch in enumerate(reversed(d)):
        x = int(ch)
        if i % 2 == 1:
            x *= 2
            if x > 9: x -= 9
        total += x
    return total % 10 == 0

def fmt_card(d, style):
    if style == 0: return d
    sep = " " if style == 1 else "-"
    if len(d) == 13: return sep.join([d[:4], d[4:7], d[7:10], d[10:]])
    if len(d) == 15: return sep.join([d[:4], d[4:10], d[10:]])
    if len(d) == 14: return sep.join([d[:4], d[4:10], d[10:]])
    return sep.join(d[i:i + 4] for i in range(0, len(d), 4))

brands = [("4", 16), ("4", 13), ("51", 16), ("55", 16), ("2221", 16), ("2720", 16), ("34", 15), ("37", 15),
          ("6011", 16), ("65", 16), ("3530", 16), ("36", 14), ("62", 16), ("4", 19)]
card_templates = ["Card number: {}", "{{\"pan\": \"{}\", \"exp\": \"12/27\"}}", "paid with {} yesterday",
                  "{{\"payment\":{{\"card\":\"{}\",\"holder\":\"J. Doe\"}}}}", "PAN={}&amount=12.50", "<card>{}</card>",
                  "charge {} declined", "cc: {}"]
for k in range(60):
    prefix, length = brands[k % len(brands)]
    d = luhn_complete(prefix, length)
    v = fmt_card(d, k % 3 if length != 19 else 0)
    add(card_templates[k % len(card_templates)].format(v), ("card", v))
# a card as a JSON number
for k in range(5):
    d = luhn_complete("4", 16)
    add("{\"card\": %s, \"cvc_checked\": true}" % d, ("card", d))
# hard negatives: order numbers, Luhn-failing 16 digits, numbers of no card range, too long
for k in range(40):
    while True:
        d = "".join(str(R.randrange(10)) for _ in range(16))
        if not luhn_ok(d): break
    v = fmt_card(d, k % 3)
    add(["Order {} shipped", "{{\"order_id\": \"{}\"}}", "tracking {} in transit", "invoice #{}"][k % 4].format(v))
for k in range(10):
    d = luhn_complete(str(R.choice([1, 7, 8, 9])), 16)   # Luhn-valid by chance, no card range
    add("reference {} (internal)".format(d))
for k in range(10):
    d = "".join(str(R.randrange(10)) for _ in range(22))
    add("shipment id {} created".format(d))
add("card 4111-1111-1111-1112 (typo) was rejected")
add("{\"amount\": 1234567890123.45}")
add("0000 0000 0000 0000 is a placeholder")

# ---- IBAN ---------------------------------------------------------------------------------------
iban_countries = {"DE": 22, "GB": 22, "FR": 27, "NL": 18, "ES": 24, "IT": 27, "CH": 21, "BE": 16, "AT": 20, "PL": 28,
                  "SE": 24, "NO": 15, "IE": 22, "PT": 25}
def iban_check(country, bban):
    s = bban + country + "00"
    num = "".join(str(int(c, 36)) for c in s)
    return "%02d" % (98 - int(num) % 97)

def make_bban(country, length):
    n = length - 4
    if country in ("GB", "NL", "IE"):
        return "".join(R.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4)) + "".join(str(R.randrange(10)) for _ in range(n - 4))
    return "".join(str(R.randrange(10)) for _ in range(n))

def group4(s):
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))

for k in range(40):
    country = list(iban_countries)[k % len(iban_countries)]
    bban = make_bban(country, iban_countries[country])
    iban = country + iban_check(country, bban) + bban
    v = group4(iban) if k % 2 else iban
    add(["IBAN: {}", "{{\"iban\": \"{}\", \"bic\": \"DEUTDEFF\"}}", "please transfer to {} by Friday",
         "beneficiary account {}"][k % 4].format(v), ("iban", v))
for k in range(25):
    country = list(iban_countries)[k % len(iban_countries)]
    bban = make_bban(country, iban_countries[country])
    good = iban_check(country, bban)
    bad = "%02d" % ((int(good) + 1 + R.randrange(90)) % 97 + 2)
    if bad == good: bad = "%02d" % ((int(good) + 3) % 97 + 2)
    add("account {} on file".format(country + bad + bban))
add("DE12 is our internal code for the project")
add("{\"sku\": \"GB22ABCD\", \"qty\": 3}")
add("model number FR27-2000 in stock")

# ---- SSN ----------------------------------------------------------------------------------------
def ssn_digits():
    while True:
        a = R.randrange(1, 900)
        if a == 666: continue
        g = R.randrange(1, 100); s = R.randrange(1, 10000)
        v = "%03d-%02d-%04d" % (a, g, s)
        if v.replace("-", "") in ("078051120", "219099999", "457555462", "123456789"): continue
        return v
for k in range(30):
    v = ssn_digits()
    add(["SSN: {}", "{{\"ssn\": \"{}\"}}", "employee social security number {} on record", "applicant {} verified",
         "{{\"tax_id\":\"{}\",\"name\":\"Ann\"}}"][k % 5].format(v), ("ssn", v))
for k in range(8):
    v = ssn_digits().replace("-", "")
    add("SSN {}".format(v), ("ssn", v))
for v in ["000-12-3456", "666-12-3456", "900-12-3456", "987-65-4321", "123-00-4567", "123-45-0000", "078-05-1120",
          "219-09-9999", "457-55-5462", "123-45-6789"]:
    add("SSN: {} (invalid)".format(v))
for k in range(12):
    add(["part no. {}-{}-{}".format(R.randrange(1000, 9999), R.randrange(10, 99), R.randrange(1000, 9999)),
         "batch {}".format("".join(str(R.randrange(10)) for _ in range(9))),
         "zip {}-{}".format(R.randrange(10000, 99999), R.randrange(1000, 9999)),
         "ISBN 978-3-16-148410-0"][k % 4])

# ---- e-mail -------------------------------------------------------------------------------------
names = ["jane.doe", "john", "a.b-c+tag", "support", "m_smith42", "x", "first.last", "info", "o.brien", "user123"]
domains = ["example.com", "mail.example.org", "corp.example.co.uk", "example.io", "sub.domain.example.net", "example.dev"]
for k in range(40):
    v = names[k % len(names)] + "@" + domains[k % len(domains)]
    add(["Contact: {}", "{{\"email\": \"{}\"}}", "<{}>", "mailto:{}", "sent to {}, cc nobody",
         "{{\"user\":{{\"mail\":\"{}\",\"id\":7}}}}", "From: Jane <{}>", "reply to {}."][k % 8].format(v), ("email", v))
for t in ["icon@2x.png", "logo@3x.jpg", "follow @rampart on social", "user@localhost is not routable",
          "git@host:repo.git", "version foo@1.2.3", "price @ 3.50", "a@b", "@example.com", "npm install pkg@latest",
          "see background@2x.webp", "name@ domain.com", "x@-bad.com"]:
    add(t)

# ---- phone --------------------------------------------------------------------------------------
areas = ["212", "415", "646", "312", "617", "206", "303", "404", "512", "702", "213", "305"]
def us_number():
    return R.choice(areas), "%d%02d" % (R.randrange(2, 10), R.randrange(0, 100)), "%04d" % R.randrange(0, 10000)
for k in range(30):
    a, b, c = us_number()
    if b[1:] == "11" or b == "555": b = "234"
    v = ["+1 {} {} {}", "({}) {}-{}", "{}-{}-{}", "{}.{}.{}", "+1-{}-{}-{}", "+1 ({}) {}-{}"][k % 6].format(a, b, c)
    add(["Call {} today", "{{\"phone\": \"{}\"}}", "tel: {}", "mobile {}, office closed"][k % 4].format(v), ("phone", v))
intl = ["+44 20 7946 0958", "+44 7700 900123", "+33 1 42 68 53 00", "+49 30 901820", "+81 3-1234-5678",
        "+61 2 9374 4000", "+34 912 34 56 78", "+39 06 6982 1234", "+31 20 794 0000", "+46 8 123 456 78"]
for k, v in enumerate(intl):
    add(["Phone: {}", "{{\"tel\":\"{}\"}}"][k % 2].format(v), ("phone", v))
for t in ["timestamp 1700000000", "unix time 1699999999 reached", "date 2024-01-15", "on 12/03/2024 at noon",
          "id 20231012141500", "price 1,234,567.89", "build 2024.01.15.1", "call 555-0100 ext", "room 404-B",
          "{\"count\": 12345678}", "session 2023101214", "version 10.0.19041", "seq 111-222-3333-444"]:
    add(t)

# ---- IP -----------------------------------------------------------------------------------------
def ipv4():
    return "%d.%d.%d.%d" % (R.choice([10, 172, 192, 203, 198, 8, 54, 91]), R.randrange(0, 256), R.randrange(0, 256), R.randrange(1, 255))
for k in range(30):
    v = ipv4()
    add(["client {} connected", "{{\"ip\": \"{}\"}}", "request from {}:443", "X-Forwarded-For: {}",
         "{{\"remote_addr\":\"{}\",\"ok\":true}}", "blocked {} after 5 tries"][k % 6].format(v), ("ip", v))
v6 = ["2001:db8:85a3::8a2e:370:7334", "2001:0db8:0000:0000:0000:ff00:0042:8329", "fe80::1ff:fe23:4567:890a",
      "2001:db8::ff00:42:8329", "2607:f8b0:4005:80a::200e", "2a00:1450:4001:81c::200e", "::ffff:192.0.2.128",
      "2001:db8:0:1:1:1:1:1"]
for k, v in enumerate(v6):
    add(["peer {} accepted", "{{\"ipv6\":\"{}\"}}"][k % 2].format(v), ("ip", v))
for t in ["version 1.2.3.4 released", "upgrade to v10.0.0.1", "OID 1.3.6.1.4.1.311", "value 256.1.1.1",
          "rev 1.2.3.4.5", "at 12:30:45 UTC", "MAC 00:1A:2B:3C:4D:5E", "std::vector<int>", "ratio 10.0.0",
          "build 4.18.2.1 is out", "release 2.0.0.1", "{\"version\":\"3.2.1.0\"}", "ts 2024-01-15T10:20:30Z",
          "firmware 1.10.200.3", "scope a::b in code"]:
    add(t)

# ---- secrets ------------------------------------------------------------------------------------
B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
def rnd(alphabet, n):
    return "".join(R.choice(alphabet) for _ in range(n))
def rampart_key(valid=True):
    body = "rmp_" + rnd(B62, 12) + "_" + rnd(B62, 43)
    crc = zlib.crc32(body.encode())
    if not valid: crc = (crc + 1) & 0xffffffff
    cs = ""
    for _ in range(6):
        cs = B62[crc % 62] + cs
        crc //= 62
    return body + cs
secret_makers = [lambda: "AKIA" + rnd("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
                 lambda: "ASIA" + rnd("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
                 lambda: "ghp_" + rnd(B62, 36), lambda: "gho_" + rnd(B62, 36),
                 lambda: "github_pat_" + rnd(B62, 22) + "_" + rnd(B62, 59),
                 lambda: "xoxb-" + rnd("0123456789", 12) + "-" + rnd("0123456789", 13) + "-" + rnd(B62, 24),
                 lambda: "xoxp-" + rnd("0123456789", 12) + "-" + rnd(B62, 30),
                 lambda: "sk_live_" + rnd(B62, 24), lambda: "rk_live_" + rnd(B62, 99),
                 lambda: rampart_key()]
for k in range(40):
    v = secret_makers[k % len(secret_makers)]()
    add(["export TOKEN={}", "{{\"api_key\": \"{}\"}}", "Authorization: Bearer {}", "key={} leaked in logs"][k % 4].format(v),
        ("secret", v))
for t in ["AKIA" + rnd("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 15), "ghp_" + rnd(B62, 20), "sk_live_short", "pk_live_" + rnd(B62, 24),
          rampart_key(valid=False), "xoxb" + rnd(B62, 20), "commit " + rnd("0123456789abcdef", 40),
          "uuid 123e4567-e89b-12d3-a456-426614174000", base64.b64encode(bytes(R.randrange(256) for _ in range(30))).decode(),
          "AKIAIOSFODNN7EXAMPLEEXTRA", "my_ghp_token variable", "see rmp_ prefix docs"]:
    add("value " + t)

# ---- JWT ----------------------------------------------------------------------------------------
def b64u(obj):
    raw = obj if isinstance(obj, bytes) else json.dumps(obj, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")
for k in range(20):
    header = [{"alg": "HS256", "typ": "JWT"}, {"alg": "RS256", "kid": "k%d" % k}, {"alg": "ES256", "typ": "JWT"},
              {"typ": "JWT", "alg": "none"}][k % 4]
    payload = {"sub": "user%d" % k, "iat": 1700000000 + k, "scope": "read"}
    sig = "" if header["alg"] == "none" else b64u(bytes(R.randrange(256) for _ in range(32)))
    v = b64u(header) + "." + b64u(payload) + "." + sig
    add(["Authorization: Bearer {}", "{{\"id_token\":\"{}\"}}", "token={}&next=/", "jwt {} expired"][k % 4].format(v), ("jwt", v))
for t in ["eyJhbGciOiJIUzI1NiJ9", b64u({"typ": "JWT"}) + "." + b64u({"sub": "x"}) + ".sig",
          "eyJ" + rnd(B62, 20) + "." + rnd(B62, 20) + "." + rnd(B62, 20), b64u({"alg": "HS256"}) + "." + b64u({"a": 1}),
          "file.name.ext", "eyJ0eXAi.short"]:
    add("token " + t)

# ---- mixed --------------------------------------------------------------------------------------
for k in range(15):
    card = luhn_complete("4", 16)
    mail = names[k % len(names)] + "@" + domains[k % len(domains)]
    ip = ipv4()
    add(json.dumps({"user": {"email": mail, "card": card, "last_ip": ip}, "order": "ORD-%d" % R.randrange(10 ** 7)}),
        ("email", mail), ("card", card), ("ip", ip))
for t in ["The quick brown fox jumps over the lazy dog.", "{\"status\":\"ok\",\"count\":42}", "",
          "Lorem ipsum dolor sit amet, consectetur adipiscing elit.", "GET /api/v1/items?page=2&size=50 HTTP/1.1",
          "{\"id\":\"550e8400-e29b-41d4-a716-446655440000\",\"created\":\"2024-01-15T10:20:30.123Z\"}"]:
    add(t)

# ---- written as people do, not as the generators above -----------------------------------------
add("card:4111111111111111 exp 09/28", ("card", "4111111111111111"))
add("Amex 3782 822463 10005 on file", ("card", "3782 822463 10005"))
add("numbers 12 4111 1111 1111 1111 in a row", ("card", "4111 1111 1111 1111"))
add("listen on [2001:db8::1]:8080", ("ip", "2001:db8::1"))
add("from 192.168.0.10:51234 to 10.1.2.3:443", ("ip", "192.168.0.10"), ("ip", "10.1.2.3"))
add("call (415)555-2671 now", ("phone", "(415)555-2671"))
add("call 415 555 2671 now", ("phone", "415 555 2671"))
add("tel +1 415 555 2671 ext. 12", ("phone", "+1 415 555 2671"))
add("Mail John.Doe@Example.COM please", ("email", "John.Doe@Example.COM"))
add("iban de89370400440532013000 (lower case)", ("iban", "de89370400440532013000"))
add("SSN:536221234", ("ssn", "536221234"))
add("ssn 536 22 1234 as read out", ("ssn", "536 22 1234"))
add("my number is 4155552671", ("phone", "4155552671"))
add("ip=8.8.8.8", ("ip", "8.8.8.8"))
add("{\"emails\":[\"a@example.com\",\"b@example.com\"]}", ("email", "a@example.com"), ("email", "b@example.com"))
add("order 4111111111111111111111 is not a card")
add("see RFC 5737 range 192.0.2.0/24", ("ip", "192.0.2.0"))
add("coordinates 48.8566, 2.3522")
add("Temperature 36.6.2024 recorded")

with open("pii-eval.jsonl", "w") as f:
    for line in lines:
        f.write(json.dumps(line, ensure_ascii=False) + "\n")
print(len(lines), "lines")
