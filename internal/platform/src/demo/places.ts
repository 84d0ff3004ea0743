/**
 * Real US cities with a downtown ZIP and approximate centroid, for the demo world. Nearby ZIPs
 * are derived from these (see world.ts), so ZIP + radius searches have something to find.
 */
export interface City {
  city: string;
  zip: string;
  lat: number;
  lon: number;
}

export interface StatePlaces {
  code: string;
  name: string;
  cities: City[];
}

export const STATES: StatePlaces[] = [
  { code: 'OH', name: 'Ohio', cities: [
    { city: 'Columbus', zip: '43215', lat: 39.96, lon: -83.0 },
    { city: 'Cleveland', zip: '44114', lat: 41.5, lon: -81.69 },
    { city: 'Cincinnati', zip: '45202', lat: 39.1, lon: -84.51 },
    { city: 'Toledo', zip: '43604', lat: 41.65, lon: -83.54 },
    { city: 'Dayton', zip: '45402', lat: 39.76, lon: -84.19 },
  ] },
  { code: 'MI', name: 'Michigan', cities: [
    { city: 'Detroit', zip: '48226', lat: 42.33, lon: -83.05 },
    { city: 'Grand Rapids', zip: '49503', lat: 42.96, lon: -85.67 },
    { city: 'Lansing', zip: '48933', lat: 42.73, lon: -84.55 },
    { city: 'Flint', zip: '48502', lat: 43.01, lon: -83.69 },
  ] },
  { code: 'IN', name: 'Indiana', cities: [
    { city: 'Indianapolis', zip: '46204', lat: 39.77, lon: -86.16 },
    { city: 'Fort Wayne', zip: '46802', lat: 41.08, lon: -85.14 },
    { city: 'Evansville', zip: '47708', lat: 37.97, lon: -87.57 },
    { city: 'South Bend', zip: '46601', lat: 41.68, lon: -86.25 },
  ] },
  { code: 'IL', name: 'Illinois', cities: [
    { city: 'Chicago', zip: '60601', lat: 41.88, lon: -87.62 },
    { city: 'Springfield', zip: '62701', lat: 39.8, lon: -89.65 },
    { city: 'Peoria', zip: '61602', lat: 40.69, lon: -89.59 },
    { city: 'Rockford', zip: '61101', lat: 42.27, lon: -89.09 },
  ] },
  { code: 'PA', name: 'Pennsylvania', cities: [
    { city: 'Philadelphia', zip: '19103', lat: 39.95, lon: -75.17 },
    { city: 'Pittsburgh', zip: '15222', lat: 40.44, lon: -80.0 },
    { city: 'Harrisburg', zip: '17101', lat: 40.26, lon: -76.88 },
    { city: 'Erie', zip: '16501', lat: 42.13, lon: -80.09 },
  ] },
  { code: 'TX', name: 'Texas', cities: [
    { city: 'Houston', zip: '77002', lat: 29.76, lon: -95.37 },
    { city: 'Dallas', zip: '75201', lat: 32.79, lon: -96.8 },
    { city: 'Austin', zip: '78701', lat: 30.27, lon: -97.74 },
    { city: 'San Antonio', zip: '78205', lat: 29.42, lon: -98.49 },
  ] },
  { code: 'CA', name: 'California', cities: [
    { city: 'Los Angeles', zip: '90012', lat: 34.05, lon: -118.24 },
    { city: 'Sacramento', zip: '95814', lat: 38.58, lon: -121.49 },
    { city: 'San Diego', zip: '92101', lat: 32.72, lon: -117.16 },
    { city: 'Fresno', zip: '93721', lat: 36.74, lon: -119.79 },
  ] },
  { code: 'FL', name: 'Florida', cities: [
    { city: 'Miami', zip: '33130', lat: 25.77, lon: -80.2 },
    { city: 'Orlando', zip: '32801', lat: 28.54, lon: -81.38 },
    { city: 'Tampa', zip: '33602', lat: 27.95, lon: -82.46 },
    { city: 'Jacksonville', zip: '32202', lat: 30.33, lon: -81.66 },
  ] },
  { code: 'GA', name: 'Georgia', cities: [
    { city: 'Atlanta', zip: '30303', lat: 33.75, lon: -84.39 },
    { city: 'Savannah', zip: '31401', lat: 32.08, lon: -81.09 },
    { city: 'Augusta', zip: '30901', lat: 33.47, lon: -81.97 },
    { city: 'Macon', zip: '31201', lat: 32.84, lon: -83.63 },
  ] },
  { code: 'NC', name: 'North Carolina', cities: [
    { city: 'Charlotte', zip: '28202', lat: 35.23, lon: -80.84 },
    { city: 'Raleigh', zip: '27601', lat: 35.78, lon: -78.64 },
    { city: 'Greensboro', zip: '27401', lat: 36.07, lon: -79.79 },
    { city: 'Asheville', zip: '28801', lat: 35.6, lon: -82.55 },
  ] },
  { code: 'WA', name: 'Washington', cities: [
    { city: 'Seattle', zip: '98101', lat: 47.61, lon: -122.33 },
    { city: 'Spokane', zip: '99201', lat: 47.66, lon: -117.43 },
    { city: 'Tacoma', zip: '98402', lat: 47.25, lon: -122.44 },
    { city: 'Yakima', zip: '98901', lat: 46.6, lon: -120.51 },
  ] },
  { code: 'AZ', name: 'Arizona', cities: [
    { city: 'Phoenix', zip: '85004', lat: 33.45, lon: -112.07 },
    { city: 'Tucson', zip: '85701', lat: 32.22, lon: -110.97 },
    { city: 'Mesa', zip: '85201', lat: 33.43, lon: -111.83 },
    { city: 'Flagstaff', zip: '86001', lat: 35.2, lon: -111.65 },
  ] },
];

export const GIVEN_NAMES = [
  'James', 'Maria', 'Robert', 'Aaliyah', 'Michael', 'Sofia', 'David', 'Emily', 'Jose', 'Hannah', 'Daniel', 'Olivia', 'Tyler', 'Grace',
  'Marcus', 'Isabella', 'Kevin', 'Jasmine', 'Brandon', 'Chloe', 'Luis', 'Madison', 'Anthony', 'Ava', 'Jordan', 'Mia', 'Ethan', 'Zoe',
  'Carlos', 'Leah', 'Dylan', 'Abigail', 'Caleb', 'Natalie', 'Andre', 'Brianna', 'Nathan', 'Camila', 'Logan', 'Alyssa', 'Miguel', 'Riley',
  'Jacob', 'Destiny', 'Austin', 'Samantha', 'Trevor', 'Gabriela', 'Darnell', 'Kayla', 'Hunter', 'Valeria', 'Cody', 'Morgan', 'Wyatt', 'Paige',
];

export const FAMILY_NAMES = [
  'Smith', 'Johnson', 'Garcia', 'Williams', 'Brown', 'Martinez', 'Jones', 'Rodriguez', 'Miller', 'Davis', 'Hernandez', 'Lopez', 'Wilson',
  'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez',
  'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson',
  'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Kowalski', 'Novak', 'Schmidt', 'Murphy', 'Patel', 'Okafor', 'Reyes',
];

export const SHOP_NAME_FIRST = ['Precision', 'Main Street', 'Elite', 'Valley', 'Summit', 'Liberty', 'Heartland', 'Metro', 'Lakeside', 'Eagle', 'Pro', 'Classic', 'Northside', 'Riverside', 'Crossroads', 'Pioneer', 'Keystone', 'Frontier', 'Parkway', 'Ironwood'];
export const SHOP_NAME_LAST: Record<string, string[]> = {
  COLLISION: ['Collision', 'Collision Center', 'Auto Body', 'Body & Paint', 'Collision Repair'],
  AUTOMOTIVE: ['Auto Care', 'Automotive', 'Auto Service', 'Auto Repair', 'Tire & Auto'],
  DIESEL: ['Diesel', 'Truck & Diesel', 'Fleet Services', 'Diesel Repair', 'Heavy Truck'],
};

export const SCHOOL_SUFFIX: Record<string, string[]> = {
  HIGH_SCHOOL: ['Career Center', 'Career and Technical High School', 'Vocational High School'],
  COMMUNITY_COLLEGE: ['Community College', 'State Community College', 'College'],
  TECHNICAL_INSTITUTE: ['Technical Institute', 'Institute of Technology', 'Technical College'],
};

export const PROGRAM_NAMES: Record<string, string[]> = {
  AUTOMOTIVE: ['Automotive Technology', 'Automotive Service Technology', 'Auto Mechanics'],
  COLLISION: ['Collision Repair Technology', 'Auto Body Repair and Refinish', 'Collision Repair and Refinish'],
  DIESEL: ['Diesel Technology', 'Diesel and Heavy Equipment', 'Medium/Heavy Truck Technology'],
};
