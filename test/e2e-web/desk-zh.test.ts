import { deskSuite } from './support/desk-suite.js';

deskSuite('zh');
