/**
 * A small deny-list of the commonest passwords of 12 or more characters (shorter ones are already
 * refused by length), drawn from public breach-frequency lists. Compared in lower case.
 */
export const COMMON_PASSWORDS = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456123456', '111111111111', '000000000000',
  '123123123123', '987654321098', 'qwertyuiopas', 'qwertyuiop123', 'qwerty123456', '1q2w3e4r5t6y',
  '1qaz2wsx3edc', 'zaq12wsxcde3', 'qazwsxedcrfv', 'asdfghjkl123', 'password1234', 'password12345',
  'password123456', 'passw0rd1234', 'p@ssw0rd1234', 'p@ssword1234', 'passwordpassword', 'password1!',
  'iloveyou1234', 'welcome12345', 'welcome123456', 'letmein12345', 'changeme1234', 'changeme123!',
  'administrator', 'administrator1', 'admin1234567', 'adminadmin123', 'football1234', 'baseball1234',
  'sunshine1234', 'princess1234', 'monkey123456', 'dragon123456', 'starwars1234', 'trustno11234',
  'superman1234', 'michael12345', 'jennifer1234', 'charlie12345', 'liverpool123', 'liverpool1234',
  'chelsea12345', 'arsenal12345', 'manchester123', 'manutd123456', 'spurs1234567', 'summer2024!!',
  'summer202425', 'winter2024!!', 'spring2025!!', 'autumn2025!!', 'january2025!', 'september2025',
  'council12345', 'council123456', 'councilpassword', 'localauthority', 'realise12345', 'realise123456',
  'correcthorsebatterystaple', 'thequickbrownfox', 'qwertyuiopasdfgh', 'abc123abc123', 'abcdef123456',
  'a1b2c3d4e5f6', 'computer1234', 'internet1234', 'whatever1234', 'nothing12345', 'secret123456',
  'mypassword123', 'mypassword1234', 'newpassword1', 'newpassword123', 'temppassword1', 'temporary123',
  'default12345', 'guest1234567', 'user12345678', 'test12345678', 'testtesttest', 'testing12345',
  'london123456', 'england12345', 'unitedkingdom', 'birmingham123', 'leeds1234567', 'yorkshire123',
]);
