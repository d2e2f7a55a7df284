#!/usr/bin/env bash
# Prints a development bearer token (HS256 JWT) for the Intake API.
#
#   scripts/dev-token.sh [sub] [--admin]
#
# Claims: iss=intake, aud=intake-api, sub (default dev-user), iat, nbf, exp = now + 30 days;
# --admin adds "role":"admin". The HMAC key is the UTF-8 bytes of $Auth__SigningKey
# (default: the development key). Development use only.
set -euo pipefail

usage() { echo "usage: $0 [sub] [--admin]" >&2; exit 2; }

sub="dev-user"
admin=0
sub_set=0
for arg in "$@"; do
  case "$arg" in
    --admin) admin=1 ;;
    -h|--help) usage ;;
    -*) usage ;;
    *)
      (( sub_set == 0 )) || usage
      sub="$arg"; sub_set=1 ;;
  esac
done

command -v openssl >/dev/null || { echo "openssl is required" >&2; exit 1; }

key="${Auth__SigningKey:-intake-development-signing-key-0123456789abcdef}"
# Hex-encode so any byte sequence (":" etc.) reaches openssl unchanged.
key_hex="$(printf '%s' "$key" | od -An -v -tx1 | tr -d ' \n')"

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# Minimal JSON string escaping for the subject.
json_str() {
  local s="$1"
  s="${s//\\/\\\\}"
  s="${s//\"/\\\"}"
  printf '"%s"' "$s"
}

now="$(date +%s)"
exp=$((now + 30 * 24 * 3600))

header='{"alg":"HS256","typ":"JWT"}'
claims="{\"iss\":\"intake\",\"aud\":\"intake-api\",\"sub\":$(json_str "$sub"),\"iat\":$now,\"nbf\":$now,\"exp\":$exp"
if (( admin )); then
  claims+=',"role":"admin"'
fi
claims+='}'

signing_input="$(printf '%s' "$header" | b64url).$(printf '%s' "$claims" | b64url)"
signature="$(printf '%s' "$signing_input" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key_hex" -binary | b64url)"

printf '%s.%s\n' "$signing_input" "$signature"
