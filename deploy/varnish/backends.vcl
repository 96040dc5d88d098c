# The site's part of Carnet's VCL (included by carnet.vcl): the app servers and who may
# purge. This example has two app servers on a private network; declare each app server
# twice, as a backend with a probe and one without, and add each to its director. See
# docs/proxy.md.

backend app_a {
    .host = "10.0.0.11";
    .port = "8000";
    # The Host of the health probe: a name in the app's ALLOWED_HOSTS.
    .host_header = "carnet.example.org";
    .probe = healthz;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
}

backend app_b {
    .host = "10.0.0.12";
    .port = "8000";
    # The Host of the health probe: a name in the app's ALLOWED_HOSTS.
    .host_header = "carnet.example.org";
    .probe = healthz;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
}

# The same app servers without a probe: carnet.vcl sends requests to them only when
# no app server passes its probe, so that readers get the site's own 503 page.
backend app_a_unchecked {
    .host = "10.0.0.11";
    .port = "8000";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
}

backend app_b_unchecked {
    .host = "10.0.0.12";
    .port = "8000";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
}

sub vcl_init {
    new app_servers = directors.round_robin();
    app_servers.add_backend(app_a);
    app_servers.add_backend(app_b);
    new app_servers_unchecked = directors.round_robin();
    app_servers_unchecked.add_backend(app_a_unchecked);
    app_servers_unchecked.add_backend(app_b_unchecked);
}

# The addresses allowed to send BAN requests: the app servers and task workers.
acl purgers {
    "localhost";
    "10.0.0.0"/24;
}
