import { LeadMemberNetwork, NetworkMeeting, NetworkMeetingAttendance } from './network.entity';

export const networkEntities = [LeadMemberNetwork, NetworkMeeting, NetworkMeetingAttendance];
