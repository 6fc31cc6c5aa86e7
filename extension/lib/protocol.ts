export * from '../../backend/src/protocol/messages.js';
