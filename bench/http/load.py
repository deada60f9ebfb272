#!/usr/bin/env python3
"""Creates the HTTP benchmark's tables and loads their items over the
DynamoDB JSON API, the way the wrk scripts read them (bench/README.md,
"HTTP server").

  load.py URL ITEMS [--tables-only]

Tables: bench_get (pk S; items "user#0".."user#<ITEMS-1>"), bench_query
(pk S, sk N; partition "part#0" with sk 0..99), bench_put (pk S, empty).
Items are ~1 KiB: a 1000-byte payload, a number and a boolean. Waits until
each table is ACTIVE. Exits non-zero on the first answer that is not 200.
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse

PAYLOAD = "x" * 1000  # must match common.lua
QUERY_ITEMS = 100
LOADER_CONNECTIONS = 4
HEADERS = {
    "Content-Type": "application/x-amz-json-1.0",
    "X-Amz-Date": "20260101T000000Z",
    "Authorization": "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, "
                     "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0",
}


class Client:
    def __init__(self, url):
        parsed = urllib.parse.urlsplit(url)
        self.conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)

    def call(self, operation, body, allowed=(200,)):
        headers = dict(HEADERS, **{"X-Amz-Target": "DynamoDB_20120810." + operation})
        self.conn.request("POST", "/", body=json.dumps(body, separators=(",", ":")),
                          headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        if response.status not in allowed:
            raise RuntimeError(f"{operation} answered {response.status}: {data[:300]!r}")
        return response.status, json.loads(data) if data else {}


def item(pk, sk=None):
    result = {"pk": {"S": pk}}
    if sk is not None:
        result["sk"] = {"N": str(sk)}
    result.update(payload={"S": PAYLOAD}, version={"N": "1"}, active={"BOOL": True})
    return result


def create_table(client, name, with_sort_key):
    definitions = [{"AttributeName": "pk", "AttributeType": "S"}]
    schema = [{"AttributeName": "pk", "KeyType": "HASH"}]
    if with_sort_key:
        definitions.append({"AttributeName": "sk", "AttributeType": "N"})
        schema.append({"AttributeName": "sk", "KeyType": "RANGE"})
    client.call("CreateTable", {
        "TableName": name, "AttributeDefinitions": definitions, "KeySchema": schema,
        "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}})
    deadline = time.monotonic() + 30
    while True:
        _, answer = client.call("DescribeTable", {"TableName": name})
        if answer["Table"]["TableStatus"] == "ACTIVE":
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"table {name} not ACTIVE after 30 s")
        time.sleep(0.05)


def put_all(url, requests):
    """PutItem of every (table, item) over LOADER_CONNECTIONS connections."""
    errors = []

    def worker(part):
        try:
            client = Client(url)
            for table, body in part:
                client.call("PutItem", {"TableName": table, "Item": body})
        except Exception as e:  # reported below, the run fails
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(requests[i::LOADER_CONNECTIONS],))
               for i in range(LOADER_CONNECTIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    url, items = sys.argv[1], int(sys.argv[2])
    tables_only = "--tables-only" in sys.argv[3:]
    client = Client(url)
    create_table(client, "bench_get", False)
    create_table(client, "bench_query", True)
    create_table(client, "bench_put", False)
    if tables_only:
        return
    requests = [("bench_query", item("part#0", sk)) for sk in range(QUERY_ITEMS)]
    requests += [("bench_get", item(f"user#{i}")) for i in range(items)]
    started = time.monotonic()
    put_all(url, requests)
    print(f"loaded {len(requests)} items into {url} in {time.monotonic() - started:.1f} s",
          file=sys.stderr)


if __name__ == "__main__":
    try:
        main()
    except Exception as e:
        sys.exit(f"load.py: {e}")
