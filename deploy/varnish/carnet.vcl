# Carnet's caching proxy: Varnish 7.1 in front of the app servers.
#
# The app decides what may be cached (Cache-Control: s-maxage for anonymous pages,
# private/no-store/no-cache for personal ones, no cached response sets a cookie) and
# names what each page shows in X-Cache-Tags; this file applies those decisions, keeps
# the cache bounded, and bans by tag when the app asks. The site's own part (its app
# servers and the addresses allowed to purge) lives in backends.vcl, found through
# varnishd's vcl_path. See docs/proxy.md.
vcl 4.1;

import directors;
import std;

# An app server gets traffic while /healthz answers 200 (database and Redis reachable).
probe healthz {
    .url = "/healthz";
    .interval = 2s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

# backends.vcl declares the app servers (each with `.probe = healthz`), the
# round-robin director `app_servers` that spreads requests over them, the same servers
# without a probe in the director `app_servers_unchecked` (both in its vcl_init), and
# the ACL `purgers`.
include "backends.vcl";

sub vcl_recv {
    set req.backend_hint = app_servers.backend();
    # While the app servers are healthy, an expired copy is served for at most a few
    # seconds (while it is refetched); when none is healthy, for as long as it is kept.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    } else {
        # No app server passes its probe: most likely the database is down for all of
        # them. What the cache holds is served; the rest still goes to an app server,
        # whose answer is the site's own 503 page with Retry-After (or, the database
        # back before the probes notice, the page itself).
        set req.backend_hint = app_servers_unchecked.backend();
    }
    unset req.http.X-Cache-Key;

    if (req.method == "BAN") {
        call carnet_ban;
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # The admin, private documents and the health check always reach an app server.
    if (req.url ~ "^/(admin/|documents/|healthz)") {
        return (pass);
    }
    # A reader with a session (logged in) or a pending message sees a personal page.
    if (req.http.Cookie ~ "(^|;)\s*(__Host-)?(sessionid|messages)=") {
        return (pass);
    }
    # Search results depend on the query: they are never shared.
    if (req.url ~ "[?&]q=") {
        return (pass);
    }
    # Any other cookie (CSRF token, analytics) changes nothing on an anonymous page.
    unset req.http.Cookie;

    if (req.url ~ "^/api/") {
        # The content API reads every query parameter (and answers 400, never kept, to
        # one it does not know): the key is the whole URL, its parameters sorted. Its
        # searches are never shared. Only the first language the client prefers can
        # change an answer (the language of its messages): one entry per language.
        if (req.url ~ "[?&]search=") {
            return (pass);
        }
        if (req.http.Accept-Language) {
            set req.http.Accept-Language = regsub(req.http.Accept-Language,
                "^[ ]*([A-Za-z]{2})([^A-Za-z].*)?$", "\1");
        }
        set req.http.X-Cache-Key = std.querysort(req.url);
    } else {
        # The cache key: the path, plus the page number when it has 1 to 5 digits. Other
        # query parameters (utm_*, anything) neither make new entries nor change the
        # lookup; the app server still receives the URL unchanged. So that no answer is
        # kept under a key that does not describe it, a URL the app could read another
        # page number from is passed: a page parameter that is not 1 to 5 digits (Django
        # reads "+2" as 2), a second page parameter, or a parameter name with an escaped
        # character ("pag%65").
        if (req.url ~ "[?&][^=&]*%" ||
                req.url ~ "[?&]page=.*[?&]page=" ||
                (req.url ~ "[?&]page=" && req.url !~ "[?&]page=[0-9]{1,5}(&|$)")) {
            return (pass);
        }
        set req.http.X-Cache-Key = regsub(req.url, "\?.*$", "");
        if (req.url ~ "[?&]page=") {
            set req.http.X-Cache-Key = req.http.X-Cache-Key + "?page=" +
                regsub(req.url, "^.*[?&]page=([0-9]{1,5})(&.*)?$", "\1");
        }
    }

    return (hash);
}

# BAN / with X-Purge-Tags: "tag1 tag2": ban every object whose X-Cache-Tags holds one
# of those tags as a whole word. Only from the addresses in the ACL `purgers`, sent
# straight to Varnish: a request relayed by a proxy in front (which added an address to
# X-Forwarded-For before Varnish appended the client's) comes from a reader, wherever
# that proxy runs.
sub carnet_ban {
    if (client.ip !~ purgers || req.http.X-Forwarded-For ~ ",") {
        return (synth(403, "Forbidden"));
    }
    set req.http.X-Purge-Tags = regsuball(req.http.X-Purge-Tags, "(^ +| +$)", "");
    if (req.http.X-Purge-Tags !~ "^[A-Za-z0-9_.:-]+( +[A-Za-z0-9_.:-]+)*$") {
        return (synth(400, "X-Purge-Tags must list tags separated by spaces"));
    }
    # "a.b c" -> "(^|[[:space:]])(a[.]b|c)([[:space:]]|$)": no space, no backslash.
    if (std.ban("obj.http.X-Cache-Tags ~ (^|[[:space:]])(" +
            regsuball(regsuball(req.http.X-Purge-Tags, "[.]", "[.]"), " +", "|") +
            ")([[:space:]]|$)")) {
        return (synth(200, "Banned"));
    }
    return (synth(400, std.ban_error()));
}

sub vcl_hash {
    if (req.http.X-Cache-Key) {
        hash_data(req.http.X-Cache-Key);
    } else {
        hash_data(req.url);
    }
    if (req.http.Host) {
        hash_data(req.http.Host);
    } else {
        hash_data(server.ip);
    }
    return (lookup);
}

sub vcl_backend_fetch {
    unset bereq.http.X-Cache-Key;
}

sub vcl_backend_response {
    # An expired copy being refetched in the background stays in the cache if the app
    # server answers with an error (the database down, say): readers keep getting it.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # Only what the app marks as cacheable is kept: no Cache-Control (nor Expires), no
    # caching, whatever Varnish's default TTL.
    if (!beresp.http.Cache-Control && !beresp.http.Expires) {
        set beresp.ttl = 0s;
    }
    # Kept past its lifetime: served while no app server is healthy (see vcl_recv), and
    # revalidated with a conditional request when the app sends validators.
    set beresp.grace = 24h;
    set beresp.keep = 1h;
    # Pages are received whole before the reader gets a byte, so that an app server dying
    # mid-answer gives a retry on another one, not a cut page. Documents may be large:
    # they stream.
    if (bereq.url !~ "^/documents/") {
        set beresp.do_stream = false;
    }
    # Then the builtin rules: no TTL, Set-Cookie, private/no-cache/no-store or Vary: *
    # make a hit-for-miss object (not cached; the next request goes to an app server).
}

sub vcl_backend_error {
    # An app server refused the connection or closed it before answering: the request
    # is tried again, and the round-robin director hands it to the next server. A form
    # (POST) is tried again only if its body was never sent (the connection refused, as
    # by a server stopping): Varnish cannot send a body it has passed on once, so a form
    # an app server received is never sent twice.
    if (bereq.retries < 2) {
        return (retry);
    }
    set beresp.http.X-Carnet-Fetch-Failed = "1";
}

sub vcl_deliver {
    # Every try failed (vcl_backend_error): start the request over once more.
    if (resp.http.X-Carnet-Fetch-Failed) {
        unset resp.http.X-Carnet-Fetch-Failed;
        if (req.restarts < 2 && (req.method == "GET" || req.method == "HEAD")) {
            return (restart);
        }
    }
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # The tags are for this proxy only.
    unset resp.http.X-Cache-Tags;
}

sub vcl_synth {
    # A fetch that failed mid-answer (the app server died): start the request over.
    if (resp.status == 503 && req.restarts < 2 &&
            (req.method == "GET" || req.method == "HEAD")) {
        return (restart);
    }
}
