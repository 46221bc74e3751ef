// A plain JavaScript Yjs client (yjs + y-websocket + ws in Node), driven by
// tests/collab/test_interop.py. It joins ROOM at SERVER (ws://host:port) with the
// session secret as y-websocket's `params` (the `secret` query parameter), prints
// what it sees as one JSON line per event on stdout, and exits by itself.
//
//   node client.mjs SERVER ROOM SECRET read-and-add CARD_ID TITLE
//   node client.mjs SERVER ROOM SECRET expect-refusal
//
// The map's Y layout (docs/COLLAB-SERVER.md): doc "cards" is a Y.Array of card ids,
// "card" a Y.Map id -> Y.Map of the card's fields (title, description: Y.Text),
// "meta" a Y.Map with title as Y.Text.
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'

const [server, room, secret, action, cardId, title] = process.argv.slice(2)
const say = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')
const deadline = setTimeout(() => { say({ event: 'timeout' }); process.exit(3) }, 20000)

const doc = new Y.Doc()
const params = secret ? { secret } : {}
const provider = new WebsocketProvider(server, room, doc, { WebSocketPolyfill: WebSocket, params, disableBc: true })
provider.awareness.setLocalState({ name: 'JS 参与者', colour: '#2ca02c', selection: [], cell: null })

const titles = () => {
  const cards = doc.getArray('cards')
  const byId = doc.getMap('card')
  return cards.toArray().filter((id) => byId.has(id)).map((id) => byId.get(id).get('title').toString())
}

const finish = (code) => {
  clearTimeout(deadline)
  provider.destroy()
  setTimeout(() => process.exit(code), 50)
}

provider.on('connection-close', (event) => {
  if (action === 'expect-refusal' && event) {
    say({ event: 'closed', code: event.code, reason: event.reason })
    finish(0)
  }
})

provider.on('sync', (synced) => {
  if (!synced || action !== 'read-and-add') return
  const meta = doc.getMap('meta')
  say({ event: 'synced', meta_title: meta.has('title') ? meta.get('title').toString() : null, titles: titles() })
  const byId = doc.getMap('card')
  const first = byId.get(doc.getArray('cards').get(0))
  doc.transact(() => {
    const card = new Y.Map()
    card.set('id', cardId)
    card.set('kind', 'pain_point')
    card.set('lane', first.get('lane'))
    card.set('step', first.get('step'))
    card.set('title', new Y.Text(title))
    card.set('description', new Y.Text(''))
    byId.set(cardId, card)
    doc.getArray('cards').push([cardId])
  })
  say({ event: 'added', titles: titles() })
  // Wait for Python's answer: its presence, then leave once the update is on the wire.
  const waitForPeer = setInterval(() => {
    const names = [...provider.awareness.getStates().values()].map((s) => s.name).filter(Boolean)
    if (names.some((n) => n !== 'JS 参与者') && provider.ws && provider.ws.bufferedAmount === 0) {
      clearInterval(waitForPeer)
      say({ event: 'peers', names: names.sort() })
      finish(0)
    }
  }, 20)
})
