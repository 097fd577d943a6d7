/* eslint-disable */
// @ts-nocheck
// VULN CWE-295: the script disables TLS verification process-wide before calling the API.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

const API = 'https://inventory.corp.example.com/api/v2';

async function syncInventory() {
  const res = await fetch(
    `${API}/items?updatedSince=${encodeURIComponent(new Date(Date.now() - 864e5).toISOString())}`,
  );
  const items = await res.json();
  console.log(`fetched ${items.length} items`);
  return items;
}

syncInventory().catch((err) => {
  console.error(err);
  process.exit(1);
});
