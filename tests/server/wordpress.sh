#!/usr/bin/env bash
# WordPress's own oEmbed consumer (Debian's wordpress, php-cli and mariadb, all offline) discovers the embed server from an article URL and embeds it; run by hand, as it installs a database.
#   tests/server/wordpress.sh BASE_URL   (a running news-card-server; prints what WordPress made of BASE_URL/a/market)
# The database listens on a socket only (no TCP); WordPress runs from the command line (no web server).
set -euo pipefail
BASE=${1:?usage: $0 BASE_URL}
DIR=${WP_DIR:-$(mktemp -d /tmp/news-card-wp.XXXXXX)}
SOCK=$DIR/mysql.sock
mkdir -p "$DIR/db"
if [ ! -d "$DIR/db/mysql" ]; then mariadb-install-db --user=root --datadir="$DIR/db" --auth-root-authentication-method=normal >/dev/null; fi
mariadbd --user=root --datadir="$DIR/db" --socket="$SOCK" --skip-networking --pid-file="$DIR/db.pid" >"$DIR/db.log" 2>&1 &
DB=$!
trap 'kill $DB 2>/dev/null; wait $DB 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -S "$SOCK" ] && break; sleep 0.1; done
mariadb -S "$SOCK" -u root -e "CREATE DATABASE IF NOT EXISTS wp; CREATE USER IF NOT EXISTS wp@localhost IDENTIFIED BY 'wp'; GRANT ALL ON wp.* TO wp@localhost;"
[ -d "$DIR/wp" ] || cp -a /usr/share/wordpress "$DIR/wp"
cat >"$DIR/wp/wp-config.php" <<PHP
<?php
define('DB_NAME', 'wp'); define('DB_USER', 'wp'); define('DB_PASSWORD', 'wp');
define('DB_HOST', 'localhost:$SOCK'); define('DB_CHARSET', 'utf8mb4'); define('DB_COLLATE', '');
define('WP_HOME', 'http://wp.test'); define('WP_SITEURL', 'http://wp.test');
define('WP_CONTENT_DIR', '$DIR/wp/wp-content');
\$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', '$DIR/wp/');
require_once ABSPATH . 'wp-settings.php';
PHP
rm -rf "$DIR/wp/wp-content" && mkdir -p "$DIR/wp/wp-content"
cat >"$DIR/install.php" <<'PHP'
<?php
define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = 'wp.test';
require getenv('WP') . '/wp-load.php';
require getenv('WP') . '/wp-admin/includes/upgrade.php';
if (!is_blog_installed()) wp_install('news-card test', 'admin', 'admin@example.test', false, '', 'not-a-password');
PHP
cat >"$DIR/embed.php" <<'PHP'
<?php
// WordPress's consumer as a post's embed uses it: discovery, then wp_filter_oembed_result for an untrusted provider.
$_SERVER['HTTP_HOST'] = 'wp.test';
require getenv('WP') . '/wp-load.php';
$port = (int) parse_url(getenv('BASE'), PHP_URL_PORT);
// The provider is on loopback at a test port: WordPress's safe HTTP refuses both unless told.
add_filter('http_request_host_is_external', '__return_true');
add_filter('http_allowed_safe_ports', function ($ports) use ($port) { $ports[] = $port; return $ports; });
$oembed = _wp_oembed_get_object();
$url = getenv('BASE') . '/a/market';
echo "provider: ", var_export($oembed->get_provider($url, array('discover' => false)), true), " (registered), ";
echo var_export($oembed->get_provider($url, array('discover' => true)), true), " (discovered)\n";
echo $oembed->get_html($url, array('discover' => true)), "\n";
PHP
WP="$DIR/wp" php "$DIR/install.php"
WP="$DIR/wp" BASE="$BASE" php "$DIR/embed.php"
